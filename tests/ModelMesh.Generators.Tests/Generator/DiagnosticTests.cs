namespace ModelMesh.Generators.Tests.Generator;

/// <summary>The generator reports what stops it (as plain-data diagnostics carried by the model) instead of staying silent.</summary>
public sealed class DiagnosticTests
{
    private static IReadOnlyList<string> Ids(string source)
    {
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(("Test.cs", source)));
        return result.Diagnostics.Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

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
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MM2004", diagnostic.Id);
        Assert.Contains("Where", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Test.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(8, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
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
            using ModelMesh.Cdk;
            [Provider("c.v1")] public class C : BaseProvider { public C() : base(null!) { } }
            """), m => m.StartsWith("MM1001", StringComparison.Ordinal));
        Assert.Contains(Ids("""
            using ModelMesh.Cdk;
            [Provider("d.v1")] [ModelInfo("m", "chat-compleshun")] public partial class D : BaseProvider { }
            """), m => m.StartsWith("MM3001", StringComparison.Ordinal) && m.Contains("chat-completion", StringComparison.Ordinal));
    }

    [Fact]
    public void Correct_code_has_no_diagnostics()
    {
        Assert.Empty(Ids(GeneratorHarness.Connector("AcmeProvider")));
    }
}
