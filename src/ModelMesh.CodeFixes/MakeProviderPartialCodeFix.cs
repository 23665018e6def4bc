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

namespace ModelMesh.Analysis
{
    /// <summary>MM1001: adds <c>partial</c> to a [Provider] type.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeProviderPartialCodeFix)), Shared]
    public sealed class MakeProviderPartialCodeFix : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("MM1001");

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var declaration = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
                if (declaration == null || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    continue;
                }
                context.RegisterCodeFix(CodeAction.Create("Make '" + declaration.Identifier.ValueText + "' partial",
                    cancellationToken => MakePartialAsync(context.Document, declaration, cancellationToken), nameof(MakeProviderPartialCodeFix)), diagnostic);
            }
        }

        private static async Task<Document> MakePartialAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return document;
            }
            TypeDeclarationSyntax updated;
            if (declaration.Modifiers.Count == 0)
            {
                // "class X" → "partial class X": the keyword's leading trivia (indentation, comments) moves to 'partial'.
                var keyword = declaration.Keyword;
                var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                updated = declaration.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
            }
            else
            {
                updated = declaration.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
                // AddModifiers appends after the last modifier: keep the space between it and 'partial'.
                var modifiers = updated.Modifiers;
                var last = modifiers[modifiers.Count - 2];
                if (!last.TrailingTrivia.Any())
                {
                    updated = updated.WithModifiers(modifiers.Replace(last, last.WithTrailingTrivia(SyntaxFactory.Space)));
                }
            }
            return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated));
        }
    }
}
