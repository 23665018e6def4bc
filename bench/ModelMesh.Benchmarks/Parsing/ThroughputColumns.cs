using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ModelMesh.Benchmarks.Parsing;

/// <summary>The parsing benchmarks' config: the MB/s and bytes-per-event columns next to the default ones.</summary>
internal sealed class ParsingConfig : ManualConfig
{
    public ParsingConfig()
    {
        AddColumn(new ThroughputColumn(perEvent: false), new ThroughputColumn(perEvent: true));
    }
}

/// <summary>
/// MB/s (body bytes over the mean time) or bytes allocated per event (allocated per operation over the body's
/// events), from the benchmark's <c>Scenario</c> parameter and <see cref="StreamBodies"/>.
/// </summary>
internal sealed class ThroughputColumn(bool perEvent) : IColumn
{
    public string Id => perEvent ? "BytesPerEvent" : "MBps";

    public string ColumnName => perEvent ? "B/event" : "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => perEvent ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => perEvent ? "Bytes allocated per stream event (Allocated / events in the body)" : "Body megabytes (10^6 B) read per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report is null || benchmarkCase.Parameters["Scenario"] is not string scenario)
        {
            return "-";
        }
        var body = StreamBodies.Get(scenario);
        if (perEvent)
        {
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return allocated is long bytes ? (bytes / (double)body.Events).ToString("N0", CultureInfo.InvariantCulture) : "-";
        }
        return report.ResultStatistics is { Mean: > 0 } statistics
            ? (body.Megabytes / (statistics.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
            : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
