using Microsoft.CodeAnalysis;

namespace ModelMesh.Generators.Tests.Generator;

/// <summary>
/// [Provider] on a type shape the generator cannot complete (generic, nested in a generic, non-partial or file-local
/// type, file-local) is modelled as invalid: the generator neither throws nor emits for it, and still generates every
/// other provider. Shapes it can complete (abstract, nested in partial types, keyword names) compile.
/// </summary>
public sealed class TypeShapeTests
{
    private const string Good = """
        namespace Shapes.Good
        {
            [ModelMesh.Cdk.Provider("good.v1")]
            public partial class GoodProvider : ModelMesh.Cdk.BaseProvider { }
        }
        """;

    /// <summary>Runs the generator over the shape plus a correct provider; returns the parser's ids for the shape.</summary>
    private static IReadOnlyList<string> Run(string shape)
    {
        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(("Shape.cs", shape), ("Good.cs", Good)));
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id == "CS8785");
        var generated = Assert.Single(result.GeneratedSources);
        Assert.Equal("Shapes.Good.GoodProvider.g.cs", generated.HintName);
        return DiagnosticTests.Infos(result).Where(d => d.FilePath == "Shape.cs").Select(d => d.Id).ToList();
    }

    [Fact]
    public void A_generic_provider_is_MM1006_without_an_exception_or_output()
    {
        Assert.Equal(["MM1006"], Run("""
            namespace Shapes;
            [ModelMesh.Cdk.Provider("acme.x.v1", BaseUrl = "https://x")]
            public partial class P<T> : ModelMesh.Cdk.BaseProvider { }
            """));
    }

    [Fact]
    public void A_provider_nested_in_a_generic_type_is_MM1006_without_an_exception_or_output()
    {
        Assert.Equal(["MM1006"], Run("""
            namespace Shapes;
            public partial class Outer<T>
            {
                [ModelMesh.Cdk.Provider("acme.x.v1")]
                public partial class P : ModelMesh.Cdk.BaseProvider { }
            }
            """));
    }

    [Fact]
    public void A_provider_nested_in_a_non_partial_type_is_MM1007_without_output()
    {
        Assert.Equal(["MM1007"], Run("""
            namespace Shapes;
            public class Outer
            {
                [ModelMesh.Cdk.Provider("acme.x.v1")]
                public partial class P : ModelMesh.Cdk.BaseProvider { }
            }
            """));
    }

    [Fact]
    public void A_generic_provider_nested_in_a_non_partial_generic_type_is_MM1006_twice_and_MM1007()
    {
        Assert.Equal(["MM1006", "MM1006", "MM1007"], Run("""
            namespace Shapes;
            public class Outer<T>
            {
                [ModelMesh.Cdk.Provider("acme.x.v1")]
                public partial class P<U> : ModelMesh.Cdk.BaseProvider { }
            }
            """).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_file_local_provider_is_MM1007_without_output()
    {
        Assert.Equal(["MM1007"], Run("""
            namespace Shapes;
            [ModelMesh.Cdk.Provider("acme.x.v1")]
            file partial class P : ModelMesh.Cdk.BaseProvider { }
            """));
    }

    [Fact]
    public void A_provider_nested_in_a_file_local_type_is_MM1007_without_output()
    {
        Assert.Equal(["MM1007"], Run("""
            namespace Shapes;
            file partial class Outer
            {
                [ModelMesh.Cdk.Provider("acme.x.v1")]
                public partial class P : ModelMesh.Cdk.BaseProvider { }
            }
            """));
    }

    [Fact]
    public void Provider_on_two_partial_declarations_is_generated_once_without_an_exception()
    {
        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(("Shape.cs", """
            namespace Shapes;
            [ModelMesh.Cdk.Provider("acme.x.v1")]
            public partial class P : ModelMesh.Cdk.BaseProvider { }
            [ModelMesh.Cdk.Provider("acme.x.v1")]
            public partial class P { }
            """)));
        Assert.Null(result.Exception);
        Assert.Equal("Shapes.P.g.cs", Assert.Single(result.GeneratedSources).HintName);
        // The compiler's own error for the second attribute is all that is reported.
        Assert.Equal(["CS0579"], GeneratorHarness.Problems(output).Select(d => d.Id));
    }

    [Fact]
    public void Keyword_named_provider_namespace_hooks_and_wire_members_are_generated_and_compile()
    {
        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(("Shape.cs", """
            using ModelMesh;
            using ModelMesh.Cdk;
            namespace Shapes.@event;
            public static partial class @static
            {
                [Provider("acme.x.v1")]
                [ModelInfo("m", "chat-completion")]
                public partial class @class : BaseProvider
                {
                    [HookOverride(ProviderHook.GetCompletionEndpoint)]
                    private static string @return() => "/x";

                    [HookOverride(ProviderHook.BuildRequestPayload)]
                    private static Req @new(ChatCompletionRequest r) => new("hi") { @int = 1 };

                    [HookOverride(ProviderHook.ParseResponse)]
                    private static ChatCompletion @in(Resp d) => ChatCompletion.FromText("id", "m", d.@string);
                }
            }
            public sealed record Req(string @for) { public int @int { get; init; } }
            public sealed record Resp(string @string);
            """)));
        Assert.Null(result.Exception);
        Assert.Empty(DiagnosticTests.Infos(result));
        Assert.Equal("Shapes.event.static.class.g.cs", Assert.Single(result.GeneratedSources).HintName);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void An_abstract_provider_is_generated_without_a_registration()
    {
        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(("Shape.cs", """
            namespace Shapes;
            [ModelMesh.Cdk.Provider("acme.x.v1")]
            public abstract partial class P : ModelMesh.Cdk.BaseProvider { }
            """)));
        Assert.Null(result.Exception);
        Assert.Empty(DiagnosticTests.Infos(result));
        var source = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.DoesNotContain("RegisterConnector", source, StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void A_provider_nested_in_partial_types_is_generated_and_compiles()
    {
        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(("Shape.cs", """
            namespace Shapes;
            public static partial class Outer
            {
                internal partial struct Middle
                {
                    [ModelMesh.Cdk.Provider("acme.x.v1")]
                    internal sealed partial class P : ModelMesh.Cdk.BaseProvider { }
                }
            }
            """)));
        Assert.Null(result.Exception);
        Assert.Empty(DiagnosticTests.Infos(result));
        Assert.Single(result.GeneratedSources);
        Assert.Empty(GeneratorHarness.Problems(output));
    }
}
