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
