namespace ModelMesh.Benchmarks;

/// <summary>
/// Full runs measure; the short mode (<c>--short</c>, what <c>bench/run.sh short</c> and <c>.ci/run</c> use) proves
/// that every benchmark still sets up, checks its answers and runs, with the smallest parameters and one in-process
/// iteration, in a few minutes. Its numbers mean nothing.
/// </summary>
public static class BenchmarkMode
{
    /// <summary>The variable <c>--short</c> sets for the benchmark classes to read.</summary>
    public const string Variable = "MODELMESH_BENCH_SHORT";

    /// <summary>Whether this is a short run.</summary>
    public static bool Short => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary><paramref name="full"/>, or only its first value in a short run.</summary>
    public static IEnumerable<T> Sizes<T>(params T[] full) => Short ? full.Take(1) : full;

    /// <summary>How long a benchmark's setup warms its paths up: seconds in a full run, a blink in a short one.</summary>
    public static TimeSpan WarmUp(TimeSpan full) => Short ? TimeSpan.FromMilliseconds(50) : full;
}
