using static ModelMesh.Analyzers.Tests.AnalyzerHarness;

namespace ModelMesh.Analyzers.Tests;

/// <summary>
/// Every CDK connector of the repository has zero MM diagnostics: the generator tests' connectors (compiled together,
/// as in their project: some share wire records) and each sample's and the AOT smoke's connector file.
/// </summary>
public sealed class ConnectorTests
{
    private static string Read(string resource)
    {
        using var stream = typeof(ConnectorTests).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IEnumerable<string> Resources(string prefix) =>
        typeof(ConnectorTests).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    [Fact]
    public void The_generator_test_connectors_have_no_MM_diagnostic()
    {
        var sources = Resources("Connectors.Generators.").Select(r => (r, Read(r))).ToArray();
        Assert.True(sources.Length >= 8);
        var diagnostics = Analyze(Compile(sources));
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    public static TheoryData<string> Samples() => [.. Resources("Connectors.Samples.")];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_connector_has_no_MM_diagnostic(string resource)
    {
        var diagnostics = Analyze(Compile((resource, Read(resource))));
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }
}
