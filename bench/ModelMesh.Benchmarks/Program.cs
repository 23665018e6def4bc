using BenchmarkDotNet.Running;
using ModelMesh.Benchmarks;

// Select benchmarks and jobs on the command line, for example: -- --filter '*' --job short (see README.md).
BenchmarkSwitcher.FromAssembly(typeof(RoutingBenchmarks).Assembly).Run(args);
