using Microsoft.CodeAnalysis;

namespace ModelMesh.Generators.Tests.Generator;

/// <summary>
/// The parser records what stops the generator (plain-data diagnostics carried by the model); the generator then emits
/// nothing for that provider and reports nothing itself: ModelMesh.Analyzers reports the same findings (no duplicates).
/// </summary>
public sealed class DiagnosticTests
{
    private static IReadOnlyList<string> Ids(string source)
    {
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(("Test.cs", source)));
        Assert.Empty(result.Diagnostics);
        return Infos(result).Select(d => d.Id + " " + string.Join("|", d.Arguments)).ToList();
    }

    /// <summary>The plain-data diagnostics of the tracked provider models (internal types, read by reflection).</summary>
    internal static List<(string Id, IReadOnlyList<string> Arguments, string? FilePath, int StartLine)> Infos(GeneratorRunResult result) =>
        result.TrackedSteps[TrackingNames.ProviderModels].SelectMany(s => s.Outputs)
            .SelectMany(o => ((System.Collections.IEnumerable)o.Value.GetType().GetProperty("Diagnostics")!.GetValue(o.Value)!).Cast<object>())
            .Select(d => ((string)Get(d, "Id")!, (IReadOnlyList<string>)((IEnumerable<string>)Get(d, "Arguments")!).ToList(), (string?)Get(d, "FilePath"), (int)Get(d, "StartLine")!))
            .ToList();

    private static object? Get(object value, string property) => value.GetType().GetProperty(property)!.GetValue(value);

    [Fact]
    public void An_unsupported_member_type_is_MM2004_and_nothing_is_emitted()
    {
        var source = """
            using ModelMesh;
            using ModelMesh.Cdk;
            [Provider("odd.v1")]
            public partial class Odd : BaseProvider
            {
                [HookOverride(ProviderHook.BuildRequestPayload)]
                private static OddRequest Build(ChatCompletionRequest r) => new(new System.Uri("http://x"));
            }
            public sealed record OddRequest(System.Uri Where);
            """;
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(("Test.cs", source)));
        Assert.Empty(result.Diagnostics);
        // MM2001 too: the custom request record comes without a ParseResponse hook.
        Assert.Equal(["MM2001", "MM2004"], Infos(result).Select(d => d.Id).Order(StringComparer.Ordinal));
        var diagnostic = Infos(result).Single(d => d.Id == "MM2004");
        Assert.Contains("Where", diagnostic.Arguments);
        Assert.Equal("Test.cs", diagnostic.FilePath);
        Assert.Equal(8, diagnostic.StartLine);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void A_wire_record_listed_in_WireRecords_that_is_not_a_record_is_MM2004()
    {
        var source = """
            using ModelMesh;
            using ModelMesh.Cdk;
            [Provider("steps.v1", WireRecords = [typeof(string), typeof(StepJob)])]
            public partial class Steps : BaseProvider
            {
            }
            public sealed record StepJob(string Id);
            """;
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(("Test.cs", source)));
        Assert.Empty(result.Diagnostics);
        var diagnostic = Assert.Single(Infos(result));
        Assert.Equal("MM2004", diagnostic.Id);
        Assert.Contains("WireRecords", diagnostic.Arguments);
        Assert.Contains("string", diagnostic.Arguments);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void An_extension_data_member_that_is_not_a_dictionary_of_json_elements_is_MM2004()
    {
        var source = """
            using ModelMesh;
            using ModelMesh.Cdk;
            [Provider("ext.v1")]
            public partial class Ext : BaseProvider
            {
                [HookOverride(ProviderHook.BuildRequestPayload)]
                private static ExtRequest Build(ChatCompletionRequest r) => new();
                [HookOverride(ProviderHook.ParseResponse)]
                private static ChatCompletion Parse(ExtRequest r) => new();
            }
            public sealed class ExtRequest
            {
                [System.Text.Json.Serialization.JsonExtensionData]
                public System.Collections.Generic.Dictionary<string, string>? Rest { get; set; }
            }
            """;
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(("Test.cs", source)));
        var diagnostic = Assert.Single(Infos(result));
        Assert.Equal("MM2004", diagnostic.Id);
        Assert.Contains("Rest", diagnostic.Arguments);
        Assert.Contains(diagnostic.Arguments, a => a.Contains("Dictionary<string, JsonElement>", StringComparison.Ordinal));
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Wrong_signature_duplicate_hook_not_partial_and_unknown_capability_are_reported()
    {
        Assert.Contains(Ids("""
            using ModelMesh; using ModelMesh.Cdk;
            [Provider("a.v1")] public partial class A : BaseProvider
            {
                [HookOverride(ProviderHook.GetCompletionEndpoint)] private static int E() => 1;
            }
            """), m => m.StartsWith("MM2002", StringComparison.Ordinal));
        Assert.Contains(Ids("""
            using ModelMesh; using ModelMesh.Cdk;
            [Provider("b.v1")] public partial class B : BaseProvider
            {
                [HookOverride(ProviderHook.GetCompletionEndpoint)] private static string E1() => "/a";
                [HookOverride(ProviderHook.GetCompletionEndpoint)] private static string E2() => "/b";
            }
            """), m => m.StartsWith("MM2003", StringComparison.Ordinal));
        Assert.Contains(Ids("""
            using ModelMesh; using ModelMesh.Cdk;
            [Provider("m.v1")] public partial class M : BaseProvider
            {
                [HookOverride(ProviderHook.GetScrapeMethod)] private static string Verb() => "GET";
            }
            """), m => m.StartsWith("MM2002 Verb|GetScrapeMethod|HttpMethod M()", StringComparison.Ordinal));
        Assert.Contains(Ids("""
            using ModelMesh.Cdk;
            [Provider("c.v1")] public class C : BaseProvider { public C() : base(null!) { } }
            """), m => m.StartsWith("MM1001", StringComparison.Ordinal));
        Assert.Contains(Ids("""
            using ModelMesh.Cdk;
            [Provider("d.v1")] [ModelInfo("m", "chat-compleshun")] public partial class D : BaseProvider { }
            """), m => m.StartsWith("MM3001", StringComparison.Ordinal) && m.Contains("chat-completion", StringComparison.Ordinal));
    }

    [Fact]
    public void Stream_methods_that_take_different_state_types_or_a_state_that_cannot_be_made_are_MM2002()
    {
        var mismatch = Ids("""
            using ModelMesh; using ModelMesh.Cdk;
            public sealed record E(string Text);
            public sealed class S1 { }
            public sealed class S2 { }
            [Provider("s.v1")] public partial class S : BaseProvider
            {
                [HookOverride(ProviderHook.ParseStreamChunk, Event = "a")] private static ChatCompletionChunk? A(E e, S1 state) => null;
                [HookOverride(ProviderHook.ParseStreamChunk, Event = "b")] private static ChatCompletionChunk? B(E e, S2 state) => null;
            }
            """);
        Assert.Contains(mismatch, m => m.StartsWith("MM2002 B|ParseStreamChunk|", StringComparison.Ordinal) && m.Contains("takes 'S1'", StringComparison.Ordinal));

        var noConstructor = Ids("""
            using ModelMesh; using ModelMesh.Cdk;
            public sealed record E(string Text);
            public sealed class S1 { public S1(int seed) { } }
            [Provider("t.v1")] public partial class T : BaseProvider
            {
                [HookOverride(ProviderHook.ParseStreamChunk)] private static ChatCompletionChunk? A(E e, S1 state) => null;
            }
            """);
        Assert.Contains(noConstructor, m => m.StartsWith("MM2002 A|ParseStreamChunk|", StringComparison.Ordinal));
    }

    [Fact]
    public void Correct_code_has_no_diagnostics()
    {
        Assert.Empty(Ids(GeneratorHarness.Connector("AcmeProvider")));
        Assert.Empty(Ids(GeneratorHarness.Connector("StatefulStreamProvider")));
    }
}
