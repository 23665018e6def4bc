using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace ModelMesh.Analysis
{
    /// <summary>
    /// MM2001: adds a stub of the missing hook with its [HookOverride] attribute and a signature of the hook contract
    /// (docs/cdk/hooks.md) that needs no wire record, throwing until the author writes the mapping.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddHookStubCodeFix)), Shared]
    public sealed class AddHookStubCodeFix : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("MM2001");

        /// <inheritdoc/>
        public override FixAllProvider? GetFixAllProvider() => null;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue("Hook", out var hook) || hook == null || Stub(hook, "M") == null)
                {
                    continue;
                }
                var declaration = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
                if (declaration == null)
                {
                    continue;
                }
                context.RegisterCodeFix(CodeAction.Create("Add a " + hook + " hook stub",
                    cancellationToken => AddStubAsync(context.Document, declaration, hook, cancellationToken), nameof(AddHookStubCodeFix) + hook), diagnostic);
            }
        }

        private static string? Stub(string hook, string name) => hook switch
        {
            "ParseResponse" =>
                "[global::ModelMesh.Cdk.HookOverride(global::ModelMesh.Cdk.ProviderHook.ParseResponse)]\n"
                + "private static global::ModelMesh.ChatCompletion " + name + "(global::System.ReadOnlyMemory<byte> body) =>\n"
                + "    throw new global::System.NotImplementedException(\"Map the wire response to a ChatCompletion.\");\n",
            "ParseStreamChunk" =>
                "[global::ModelMesh.Cdk.HookOverride(global::ModelMesh.Cdk.ProviderHook.ParseStreamChunk)]\n"
                + "private static global::ModelMesh.ChatCompletionChunk? " + name + "(global::ModelMesh.Cdk.SseEvent streamEvent) =>\n"
                + "    throw new global::System.NotImplementedException(\"Map the stream event to a ChatCompletionChunk (null to skip it).\");\n",
            _ => null,
        };

        private static async Task<Document> AddStubAsync(Document document, TypeDeclarationSyntax declaration, string hook, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return document;
            }
            var taken = declaration.Members.OfType<MethodDeclarationSyntax>().Select(m => m.Identifier.ValueText).ToImmutableHashSet();
            // Not the hook's own name: the generated override of the hook takes that one.
            var stem = hook == "ParseResponse" ? "MapResponse" : "MapStreamChunk";
            var name = stem;
            for (var i = 2; taken.Contains(name); i++)
            {
                name = stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (SyntaxFactory.ParseMemberDeclaration(Stub(hook, name)!) is not { } member)
            {
                return document;
            }
            var updated = declaration.AddMembers(member.WithAdditionalAnnotations(Formatter.Annotation));
            return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated));
        }
    }
}
