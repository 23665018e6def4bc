using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ModelMesh.Benchmarks;

// Select benchmarks and jobs on the command line, for example: -- --filter '*' --job short (see README.md).
// `--short` runs every selected benchmark once, in process, with the smallest parameters: a proof that it runs.
if (args.Contains("--short"))
{
    Environment.SetEnvironmentVariable(BenchmarkMode.Variable, "1");
    var config = DefaultConfig.Instance
        .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Short").AsDefault())
        .WithOptions(ConfigOptions.JoinSummary);
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(RoutingBenchmarks).Assembly).Run([.. args.Where(a => a != "--short")], config);
    // A benchmark whose setup or check threw has no result: the short run fails on it.
    var failed = summaries.SelectMany(s => s.Reports).Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo).ToList();
    failed.ForEach(name => Console.Error.WriteLine("benchmark failed: " + name));
    return failed.Count == 0 && summaries.Any() ? 0 : 1;
}
BenchmarkSwitcher.FromAssembly(typeof(RoutingBenchmarks).Assembly).Run(args);
return 0;
