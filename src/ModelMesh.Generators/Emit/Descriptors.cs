using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ModelMesh.Generators.Model;

namespace ModelMesh.Generators.Emit
{
    /// <summary>
    /// The diagnostics the generator reports itself (DESIGN §4.2 ids), so an author is never left with silently
    /// missing code. The analyzers may report the same rules while typing.
    /// </summary>
    internal static class Descriptors
    {
        private const string Category = "ModelMesh.Cdk";

        public static readonly DiagnosticDescriptor NotPartial = new DiagnosticDescriptor("MM1001",
            "A [Provider] type must be partial", "'{0}' has [Provider] but is not partial; the generator cannot add its hooks and registration",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NotAProvider = new DiagnosticDescriptor("MM1002",
            "A [Provider] type must derive from BaseProvider", "'{0}' has [Provider] but does not derive from ModelMesh.Cdk.BaseProvider",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor BadSignature = new DiagnosticDescriptor("MM2002",
            "[HookOverride] method signature does not match its hook", "Method '{0}' does not fit hook {1}; expected {2}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor DuplicateHook = new DiagnosticDescriptor("MM2003",
            "The same hook is overridden twice", "Hook {0} is already overridden; '{1}' is a second override",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnsupportedMember = new DiagnosticDescriptor("MM2004",
            "A wire record uses a member type the generator cannot serialize", "Wire record '{0}' member '{1}' ({2}) cannot be serialized: {3}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnknownCapability = new DiagnosticDescriptor("MM3001",
            "Unknown capability path in [ModelInfo]", "'{0}' is not a capability path or alias.{1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        private static DiagnosticDescriptor? Find(string id) => id switch
        {
            "MM1001" => NotPartial,
            "MM1002" => NotAProvider,
            "MM2002" => BadSignature,
            "MM2003" => DuplicateHook,
            "MM2004" => UnsupportedMember,
            "MM3001" => UnknownCapability,
            _ => null,
        };

        public static Diagnostic? Create(DiagnosticInfo info)
        {
            var descriptor = Find(info.Id);
            if (descriptor == null)
            {
                return null;
            }
            var location = info.FilePath == null
                ? Location.None
                : Location.Create(info.FilePath, new TextSpan(info.Start, info.Length),
                    new LinePositionSpan(new LinePosition(info.StartLine, info.StartColumn), new LinePosition(info.EndLine, info.EndColumn)));
            return Diagnostic.Create(descriptor, location, info.Arguments.Cast<object>().ToArray());
        }
    }
}
