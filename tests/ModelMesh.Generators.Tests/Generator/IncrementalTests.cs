using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelMesh.Generators.Tests.Generator;

/// <summary>The tracked steps stay cached across edits that do not change a provider.</summary>
public sealed class IncrementalTests
{
    private const string Unrelated = """
        namespace Other;

        public static class Unrelated
        {
            public static int Answer() => 42;
        }
        """;

    private static CSharpCompilation Start() => GeneratorHarness.Compile(
        ("AcmeProvider.cs", GeneratorHarness.Connector("AcmeProvider")),
        ("ZeroProvider.cs", GeneratorHarness.Connector("ZeroProvider")),
        ("Unrelated.cs", Unrelated));

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: path));
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void An_unrelated_edit_leaves_every_tracked_step_cached()
    {
        var compilation = Start();
        var (driver, first, _) = GeneratorHarness.Run(compilation);
        Assert.Equal(2, first.GeneratedSources.Length);

        var edited = Replace(compilation, "Unrelated.cs", Unrelated.Replace("42", "43", StringComparison.Ordinal) + "\n// edited\n");
        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        foreach (var step in new[] { TrackingNames.ProviderModels, TrackingNames.ProviderSources })
        {
            var reasons = Reasons(second, step).ToList();
            Assert.Equal(2, reasons.Count);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }
    }

    [Fact]
    public void Editing_one_providers_attribute_reruns_only_that_provider()
    {
        var compilation = Start();
        var (driver, _, _) = GeneratorHarness.Run(compilation);

        var acme = GeneratorHarness.Connector("AcmeProvider").Replace("https://ml.internal.acme.com", "https://ml2.internal.acme.com", StringComparison.Ordinal);
        var (_, second, _) = GeneratorHarness.Run(Replace(compilation, "AcmeProvider.cs", acme), driver);

        var models = second.TrackedSteps[TrackingNames.ProviderModels].SelectMany(s => s.Outputs).ToList();
        Assert.Single(models, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(models, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        var sources = second.TrackedSteps[TrackingNames.ProviderSources].SelectMany(s => s.Outputs).ToList();
        var modified = Assert.Single(sources, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("AcmeProvider", modified.Value.ToString(), StringComparison.Ordinal);
        Assert.Single(sources, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Contains("ml2.internal.acme.com", second.GeneratedSources.Single(s => s.HintName.Contains("AcmeProvider", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
    }
}
