using System.Globalization;

namespace ModelMesh.Configuration;

/// <summary>Words for a numeric or duration range in "expected …" messages (" ≥ 1", " from 0 to 1", " from 0 to 24h", "").</summary>
internal static class Ranges
{
    internal static string Describe(long min, long max, long lowest, long highest)
    {
        if (min == lowest && max == highest)
        {
            return string.Empty;
        }
        if (max == highest)
        {
            return string.Create(CultureInfo.InvariantCulture, $" ≥ {min}");
        }
        return min == lowest
            ? string.Create(CultureInfo.InvariantCulture, $" ≤ {max}")
            : string.Create(CultureInfo.InvariantCulture, $" from {min} to {max}");
    }

    internal static string Describe(double min, double max, bool minExclusive)
    {
        var hasMin = min > double.MinValue;
        var hasMax = max < double.MaxValue;
        var low = string.Create(CultureInfo.InvariantCulture, $"{(minExclusive ? ">" : "≥")} {min}");
        var high = string.Create(CultureInfo.InvariantCulture, $"≤ {max}");
        return (hasMin, hasMax) switch
        {
            (true, true) => $" {low} and {high}",
            (true, false) => " " + low,
            (false, true) => " " + high,
            _ => string.Empty,
        };
    }

    internal static string Describe(decimal min, decimal max)
    {
        var hasMin = min > decimal.MinValue;
        var hasMax = max < decimal.MaxValue;
        return (hasMin, hasMax) switch
        {
            (true, true) => string.Create(CultureInfo.InvariantCulture, $" from {min} to {max}"),
            (true, false) => string.Create(CultureInfo.InvariantCulture, $" ≥ {min}"),
            (false, true) => string.Create(CultureInfo.InvariantCulture, $" ≤ {max}"),
            _ => string.Empty,
        };
    }

    /// <summary>" from 0 to 24h" or " &gt; 0 and ≤ 24h", in the units a file would use.</summary>
    internal static string Describe(TimeSpan min, TimeSpan max, bool minExclusive) => minExclusive
        ? $" > {Durations.Format(min)} and ≤ {Durations.Format(max)}"
        : $" from {Durations.Format(min)} to {Durations.Format(max)}";
}
