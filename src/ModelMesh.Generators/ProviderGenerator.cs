using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelMesh.Generators.Emit;
using ModelMesh.Generators.Model;
using ModelMesh.Generators.Parsing;

namespace ModelMesh.Generators
{
    /// <summary>
    /// The CDK generator: for each <c>[Provider]</c> class, the hook overrides with their wire JSON code, the
    /// connector id and catalogue, and the registration (DESIGN §4.1). Parse → model → emit; the models are plain
    /// values, so an edit that does not change a provider leaves its output cached.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ProviderGenerator : IIncrementalGenerator
    {
        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var models = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    ProviderParser.ProviderAttributeName,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (syntax, cancellationToken) => ProviderParser.Parse(syntax, cancellationToken))
                .Where(static model => model != null)
                .Select(static (model, _) => model!)
                .WithTrackingName(TrackingNames.ProviderModels);

            var sources = models
                .Select(static (model, _) => new GeneratedProvider(
                    ProviderEmitter.HintName(model),
                    model.HasErrors ? null : ProviderEmitter.Emit(model)))
                .WithTrackingName(TrackingNames.ProviderSources);

            // The MM diagnostics are reported by ModelMesh.Analyzers (same parser, linked), never twice: the generator
            // only refuses to emit a provider that has an error.
            context.RegisterSourceOutput(sources, static (output, generated) =>
            {
                if (generated.Source != null)
                {
                    output.AddSource(generated.HintName, generated.Source);
                }
            });
        }
    }

    /// <summary>One provider's generated file (or none, when it has errors).</summary>
    internal sealed record GeneratedProvider(string HintName, string? Source);
}
