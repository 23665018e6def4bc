using System.Globalization;

namespace ModelMesh.Configuration;

/// <summary>Words for a numeric range in "expected …" messages (" ≥ 1", " from 0 to 1", "").</summary>
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

    internal static string Describe(decimal min, decimal max) =>
        Describe(min == decimal.MinValue ? double.MinValue : (double)min, max == decimal.MaxValue ? double.MaxValue : (double)max, false);
}
