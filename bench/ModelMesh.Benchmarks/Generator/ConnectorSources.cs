using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelMesh.Cdk;

namespace ModelMesh.Benchmarks.Generator;

/// <summary>
/// A compilation of <c>count</c> CDK connectors as a connector author writes them: each a <c>[Provider]</c> partial
/// class with three <c>[ModelInfo]</c> rows, a custom endpoint, a wire-record request and response, plus one file the
/// generator has no business with (the target of the "unrelated edit").
/// </summary>
internal static class ConnectorSources
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private const string Usings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(BaseProvider).Assembly.Location)
            .Where(p => p.Length > 0)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    /// <summary>The path of the file no connector lives in.</summary>
    public const string UnrelatedPath = "Unrelated.cs";

    public static CSharpCompilation Compilation(int count)
    {
        var trees = Enumerable.Range(0, count)
            .Select(i => CSharpSyntaxTree.ParseText(Connector(i), ParseOptions, path: $"Connector{i}.cs"))
            .Append(CSharpSyntaxTree.ParseText(Unrelated(0), ParseOptions, path: UnrelatedPath))
            .Append(CSharpSyntaxTree.ParseText(Usings, ParseOptions, path: "GlobalUsings.cs"));
        return CSharpCompilation.Create("Connectors", trees, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>The same compilation with the unrelated file's text changed (version <paramref name="edit"/>).</summary>
    public static CSharpCompilation EditUnrelated(CSharpCompilation compilation, int edit)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == UnrelatedPath);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Unrelated(edit), ParseOptions, path: UnrelatedPath));
    }

    private static string Unrelated(int edit) => string.Create(CultureInfo.InvariantCulture, $$"""
        namespace Other;

        public static class Unrelated
        {
            public static int Answer() => {{edit}};
        }
        """);

    private static string Connector(int i) => string.Create(CultureInfo.InvariantCulture, $$"""
        using System.Text.Json.Serialization;
        using ModelMesh;
        using ModelMesh.Cdk;

        namespace Vendors.V{{i}};

        [Provider("vendor{{i}}.chat.v1", BaseUrl = "https://api.vendor{{i}}.example", ApiKeyEnv = "VENDOR{{i}}_API_KEY")]
        [ModelInfo("large-{{i}}", "chat-completion", ContextWindow = 128_000, MaxOutputTokens = 8_192, InputPricePer1K = 0.003, OutputPricePer1K = 0.015, Features = ModelFeatures.Tools)]
        [ModelInfo("small-{{i}}", "chat-completion", ContextWindow = 32_000, MaxOutputTokens = 4_096, InputPricePer1K = 0.0005, OutputPricePer1K = 0.0015)]
        [ModelInfo("embed-{{i}}", "text-embeddings", ContextWindow = 8_192, InputPricePer1K = 0.0001)]
        public partial class Vendor{{i}}Provider : BaseProvider
        {
            [HookOverride(ProviderHook.GetCompletionEndpoint)]
            private static string Endpoint() => "/v2/generate";

            [HookOverride(ProviderHook.BuildRequestPayload)]
            private static Vendor{{i}}Request Build(ChatCompletionRequest r) => new(r.Model, r.Messages[^1].Text, r.MaxTokens ?? 1024);

            [HookOverride(ProviderHook.ParseResponse)]
            private static ChatCompletion Parse(Vendor{{i}}Response d) =>
                ChatCompletion.FromText(d.Id, d.Model, d.Text, new Usage(d.Usage.Input, d.Usage.Output));
        }

        public sealed record Vendor{{i}}Request(string Model, string Prompt, [property: JsonPropertyName("max_length")] int MaxTokens);

        public sealed record Vendor{{i}}Response(string Id, string Model, string Text, Vendor{{i}}Usage Usage);

        public sealed record Vendor{{i}}Usage(int Input, int Output);
        """);
}
