using Microsoft.CodeAnalysis;
using ModelMesh.Analysis;
using static ModelMesh.Analyzers.Tests.AnalyzerHarness;

namespace ModelMesh.Analyzers.Tests;

/// <summary>Each code fix, applied in an AdhocWorkspace, yields code that compiles (generator included) with no MM diagnostic.</summary>
public sealed class CodeFixTests
{
    private static void CompilesClean(string fixedSource)
    {
        var problems = Problems(Compile(("Test.cs", fixedSource)));
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + fixedSource);
    }

    [Fact]
    public async Task MM1001_fix_makes_the_provider_partial()
    {
        var source = Header + """
            [Provider("a.v1")]
            public sealed class A : BaseProvider
            {
                public A(ProviderOptions options, HttpClient http) : base(options, http) { }
            }
            """;
        var fixedSource = await ApplyFixAsync(source, "MM1001", new MakeProviderPartialCodeFix());
        Assert.Contains("public sealed partial class A : BaseProvider", fixedSource, StringComparison.Ordinal);
        CompilesClean(fixedSource);
    }

    [Fact]
    public async Task MM1001_fix_works_without_modifiers()
    {
        var source = Header + """
            [Provider("a.v1")]
            class A : BaseProvider
            {
                public A(ProviderOptions options, HttpClient http) : base(options, http) { }
            }
            """;
        var fixedSource = await ApplyFixAsync(source, "MM1001", new MakeProviderPartialCodeFix());
        Assert.Contains("[Provider(\"a.v1\")]\npartial class A : BaseProvider", fixedSource.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        CompilesClean(fixedSource);
    }

    [Fact]
    public async Task MM2001_fix_adds_a_ParseResponse_stub_with_its_attribute()
    {
        var source = Header + """
            [Provider("a.v1")]
            [ModelInfo("m", "chat-completion")]
            public partial class A : BaseProvider
            {
                public A(ProviderOptions options, HttpClient http) : base(options, http) { }

                [HookOverride(ProviderHook.BuildRequestPayload)]
                private static AReq Build(ChatCompletionRequest r) => new("hi");
            }

            public sealed record AReq(string Prompt);
            """;
        var fixedSource = await ApplyFixAsync(source, "MM2001", new AddHookStubCodeFix());
        Assert.Contains("[global::ModelMesh.Cdk.HookOverride(global::ModelMesh.Cdk.ProviderHook.ParseResponse)]", fixedSource, StringComparison.Ordinal);
        Assert.Contains("private static global::ModelMesh.ChatCompletion MapResponse(global::System.ReadOnlyMemory<byte> body)", fixedSource, StringComparison.Ordinal);
        CompilesClean(fixedSource);
    }

    [Fact]
    public async Task MM2001_fix_adds_a_ParseStreamChunk_stub_for_a_streaming_model()
    {
        var source = Header + """
            [Provider("a.v1")]
            [ModelInfo("m", "chat-completion", Features = ModelFeatures.Streaming)]
            public partial class A : BaseProvider
            {
                public A(ProviderOptions options, HttpClient http) : base(options, http) { }

                [HookOverride(ProviderHook.BuildRequestPayload)]
                private static AReq Build(ChatCompletionRequest r) => new("hi");

                [HookOverride(ProviderHook.ParseResponse)]
                private static ChatCompletion Parse(ReadOnlyMemory<byte> body) => ChatCompletion.FromText("id", "m", "x");
            }

            public sealed record AReq(string Prompt);
            """;
        var fixedSource = await ApplyFixAsync(source, "MM2001", new AddHookStubCodeFix());
        Assert.Contains("MapStreamChunk(global::ModelMesh.Cdk.SseEvent streamEvent)", fixedSource, StringComparison.Ordinal);
        CompilesClean(fixedSource);
    }

    [Fact]
    public async Task MM3001_fix_replaces_the_capability_with_the_suggestion()
    {
        var source = Header + """[Provider("a.v1")] [ModelInfo("m", "chat-compleshun")] public partial class A : BaseProvider { public A(ProviderOptions o, HttpClient h) : base(o, h) { } }""";
        var fixedSource = await ApplyFixAsync(source, "MM3001", new ReplaceCapabilityCodeFix());
        Assert.Contains("[ModelInfo(\"m\", \"chat-completion\")]", fixedSource, StringComparison.Ordinal);
        CompilesClean(fixedSource);
    }

    [Fact]
    public async Task MM3005_fix_replaces_the_literal_with_the_suggestion()
    {
        var source = Header + """
            public static class App
            {
                public static MeshClient Run() => Mesh.Create("chat-compleshun");
            }
            """;
        var fixedSource = await ApplyFixAsync(source, "MM3005", new ReplaceCapabilityCodeFix());
        Assert.Contains("Mesh.Create(\"chat-completion\")", fixedSource, StringComparison.Ordinal);
        CompilesClean(fixedSource);
    }
}
