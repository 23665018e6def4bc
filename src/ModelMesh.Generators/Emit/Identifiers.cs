using Microsoft.CodeAnalysis.CSharp;

namespace ModelMesh.Generators.Emit
{
    /// <summary>Symbol names as they must be written in generated C# and in hint names.</summary>
    internal static class Identifiers
    {
        /// <summary>The name as a C# identifier: a reserved keyword (a type <c>@class</c>, a member <c>@event</c>) gets its '@' back.</summary>
        public static string Escape(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
