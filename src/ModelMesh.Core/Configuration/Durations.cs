using System.Globalization;

namespace ModelMesh.Configuration;

/// <summary>Parses the duration forms configuration accepts: seconds, a number with a unit, or hh:mm:ss.</summary>
internal static class Durations
{
    internal static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }
        var (number, scale) = SplitUnit(text);
        if (scale == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        var milliseconds = amount * scale;
        // TimeSpan.FromMilliseconds throws on overflow; reject absurd values instead.
        if (!double.IsFinite(milliseconds) || milliseconds > TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return false;
        }
        value = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    /// <summary>The duration in the largest unit that writes it whole: <c>0</c>, <c>250ms</c>, <c>10s</c>, <c>2m</c>, <c>720h</c>.</summary>
    internal static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0";
        }
        if (value.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / TimeSpan.TicksPerHour}h");
        }
        if (value.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / TimeSpan.TicksPerMinute}m");
        }
        if (value.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / TimeSpan.TicksPerSecond}s");
        }
        return string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds}ms");
    }

    private static (string Number, double MillisecondsPerUnit) SplitUnit(string text)
    {
        if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
        {
            return (text[..^2].TrimEnd(), 1);
        }
        if (text.Length == 0)
        {
            return (text, 0);
        }
        return char.ToLowerInvariant(text[^1]) switch
        {
            's' => (text[..^1].TrimEnd(), 1000),
            'm' => (text[..^1].TrimEnd(), 60_000),
            'h' => (text[..^1].TrimEnd(), 3_600_000),
            _ when char.IsAsciiDigit(text[^1]) => (text, 1000), // a bare number is seconds
            _ => (text, 0),
        };
    }
}
