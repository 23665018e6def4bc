using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ModelMesh.Benchmarks.Gateway;

/// <summary>
/// A percentile of the measured iterations. With one invocation per iteration (the latency job) every iteration is
/// one request, so this is the request latency's percentile; outliers are kept, or p99 would be cut away.
/// </summary>
internal sealed class PercentileColumn(int percentile) : IColumn
{
    public string Id => "P" + percentile.ToString(CultureInfo.InvariantCulture);

    public string ColumnName => "P" + percentile.ToString(CultureInfo.InvariantCulture);

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => percentile;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Time;

    public string Legend => string.Create(CultureInfo.InvariantCulture, $"{percentile}th percentile of the measured iterations (nearest rank)");

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || statistics.N == 0)
        {
            return "NA";
        }
        var sorted = statistics.OriginalValues.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        var nanoseconds = sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        return (nanoseconds / 1000.0).ToString("N1", CultureInfo.InvariantCulture) + " μs";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
