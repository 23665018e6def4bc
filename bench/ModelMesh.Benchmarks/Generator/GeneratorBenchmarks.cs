using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelMesh.Analysis;
using ModelMesh.Generators;

namespace ModelMesh.Benchmarks.Generator;

/// <summary>
/// The CDK's compile-time cost on compilations of <see cref="Connectors"/> connectors: the generator's first run,
/// its run after an edit to a file with no connector in it (every tracked step must be cached; the setup checks it),
/// and the analyzers, each against the compiler's own binding of the same sources (the baseline: what any build
/// pays). A fresh <see cref="Compilation.Clone"/> per operation keeps Roslyn's semantic caches from carrying over.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    /// <summary>Connector classes in the compilation.</summary>
    [ParamsSource(nameof(ConnectorCounts))]
    public int Connectors { get; set; }

    /// <summary>The values of <see cref="Connectors"/>: 10, 100, 1000 (the first only in a short run).</summary>
    public static IEnumerable<int> ConnectorCounts => BenchmarkMode.Sizes(10, 100, 1000);

    [GlobalSetup]
    public void Setup()
    {
        _compilation = ConnectorSources.Compilation(Connectors);
        _edited = ConnectorSources.EditUnrelated(_compilation, 1);
        _warm = NewDriver().RunGenerators(_compilation);
        _analyzers = [new ProviderAnalyzer(), new CapabilityArgumentAnalyzer()];
        CheckGenerated();
        CheckUnrelatedEditIsCached();
    }

    /// <summary>Binding every source and reporting the compiler's diagnostics, with no generator or analyzer.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("cdk")]
    public int Compile() => _compilation.Clone().GetDiagnostics().Length;

    /// <summary>The generator's first run over the whole compilation (a clean build or opening the solution).</summary>
    [Benchmark]
    [BenchmarkCategory("cdk")]
    public int GeneratorFirstRun() => NewDriver().RunGenerators(_compilation.Clone()).GetRunResult().GeneratedTrees.Length;

    /// <summary>The generator after a keystroke in a file without connectors: what the IDE pays per edit.</summary>
    [Benchmark]
    [BenchmarkCategory("cdk")]
    public int GeneratorUnrelatedEdit() => _warm.RunGenerators(_edited.Clone()).GetRunResult().GeneratedTrees.Length;

    /// <summary>Both analyzers (ProviderAnalyzer, CapabilityArgumentAnalyzer) over the compilation, binding included.</summary>
    [Benchmark]
    [BenchmarkCategory("cdk")]
    public async Task<int> Analyzers()
    {
        var withAnalyzers = _compilation.Clone().WithAnalyzers(_analyzers);
        return (await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false)).Length;
    }

    private static GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new ProviderGenerator().AsSourceGenerator()],
        parseOptions: ConnectorSources.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>A benchmark of a generator that emits nothing, or emits code that does not compile, would measure the wrong thing.</summary>
    private void CheckGenerated()
    {
        var result = _warm.GetRunResult();
        if (result.GeneratedTrees.Length != Connectors)
        {
            throw new InvalidOperationException($"The generator wrote {result.GeneratedTrees.Length} files for {Connectors} connectors.");
        }
        var errors = _compilation.AddSyntaxTrees(result.GeneratedTrees).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The generated compilation has {errors.Count} errors, first: {errors[0]}");
        }
    }

    private void CheckUnrelatedEditIsCached()
    {
        var rerun = _warm.RunGenerators(_edited).GetRunResult().Results.Single();
        // Roslyn's own input steps (Compilation, syntax trees) change with any edit; the generator's steps must not.
        var rerunSteps = rerun.TrackedSteps
            .Where(step => step.Key is TrackingNames.ProviderModels or TrackingNames.ProviderSources)
            .SelectMany(step => step.Value.SelectMany(s => s.Outputs).Select(o => (step.Key, o.Reason)))
            .Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .ToList();
        if (rerunSteps.Count > 0)
        {
            throw new InvalidOperationException($"An unrelated edit re-ran {rerunSteps.Count} step outputs, first: {rerunSteps[0]}");
        }
    }
}
