using System.Globalization;
using ModelMesh.Configuration;

namespace ModelMesh;

internal sealed partial class ConfigNode
{
    /// <summary>The scalar's text (numbers and booleans are returned as written).</summary>
    /// <exception cref="ConfigurationException">The node is empty, a sequence or a mapping.</exception>
    public string GetString() => Kind == ConfigNodeKind.Scalar ? Value! : throw Mismatch("a string");

    /// <summary><c>true</c> or <c>false</c> (any letter case).</summary>
    /// <exception cref="ConfigurationException">The node is not one of those.</exception>
    public bool GetBool()
    {
        var text = ScalarText("true or false");
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return string.Equals(text, "false", StringComparison.OrdinalIgnoreCase) ? false : throw Mismatch("true or false");
    }

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ConfigurationException">The node is not a whole number, or it is out of range.</exception>
    public int GetInt32(int min = int.MinValue, int max = int.MaxValue) => (int)ReadWhole(min, max, int.MinValue, int.MaxValue);

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ConfigurationException">The node is not a whole number, or it is out of range.</exception>
    public long GetInt64(long min = long.MinValue, long max = long.MaxValue) => ReadWhole(min, max, long.MinValue, long.MaxValue);

    private long ReadWhole(long min, long max, long lowest, long highest)
    {
        var expected = "a whole number" + Ranges.Describe(min, max, lowest, highest);
        var text = ScalarText(expected);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Mismatch(expected);
        }
        return value;
    }

    /// <summary>
    /// A finite number within [<paramref name="min"/>, <paramref name="max"/>], or above <paramref name="min"/>
    /// when <paramref name="minExclusive"/> is set.
    /// </summary>
    /// <exception cref="ConfigurationException">The node is not a number, or it is out of range.</exception>
    public double GetDouble(double min = double.MinValue, double max = double.MaxValue, bool minExclusive = false)
    {
        var expected = "a number" + Ranges.Describe(min, max, minExclusive);
        var text = ScalarText(expected);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)
            || value < min || (minExclusive && value <= min) || value > max)
        {
            throw Mismatch(expected);
        }
        return value;
    }

    /// <summary>A decimal number (money) within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ConfigurationException">The node is not a number, or it is out of range.</exception>
    public decimal GetDecimal(decimal min = decimal.MinValue, decimal max = decimal.MaxValue)
    {
        var expected = "a number" + Ranges.Describe(min, max);
        var text = ScalarText(expected);
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Mismatch(expected);
        }
        return value;
    }

    /// <summary>
    /// A duration from zero to 365 days: a number of seconds (<c>1.5</c>), a number with a unit (<c>500ms</c>,
    /// <c>10s</c>, <c>2m</c>, <c>1h</c>) or <c>hh:mm:ss</c>. Use <see cref="GetTimeSpan(TimeSpan, TimeSpan, bool)"/>
    /// for a tighter range (a request timeout should not exceed a day).
    /// </summary>
    /// <exception cref="ConfigurationException">The node is not a duration, or it is out of range.</exception>
    public TimeSpan GetTimeSpan() => GetTimeSpan(TimeSpan.Zero, ConfigurationLimits.MaxDuration);

    /// <summary>
    /// A duration within [<paramref name="min"/>, <paramref name="max"/>], or above <paramref name="min"/> when
    /// <paramref name="minExclusive"/> is set; written as for <see cref="GetTimeSpan()"/>.
    /// </summary>
    /// <param name="min">The shortest duration accepted (not negative).</param>
    /// <param name="max">The longest duration accepted.</param>
    /// <param name="minExclusive">Whether <paramref name="min"/> itself is rejected (for "greater than zero").</param>
    /// <exception cref="ConfigurationException">The node is not a duration, or it is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="min"/> is negative or above <paramref name="max"/>.</exception>
    public TimeSpan GetTimeSpan(TimeSpan min, TimeSpan max, bool minExclusive = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(min, max);
        var expected = "a duration" + Ranges.Describe(min, max, minExclusive) + " (such as 30, 500ms, 10s, 2m or 00:01:30)";
        var text = ScalarText(expected);
        if (!Durations.TryParse(text, out var value) || value < min || (minExclusive && value <= min) || value > max)
        {
            throw Mismatch(expected);
        }
        return value;
    }

    /// <summary>A list of strings; an empty node is an empty list.</summary>
    /// <exception cref="ConfigurationException">The node is not a list, or an item is not a string.</exception>
    public IReadOnlyList<string> GetStringList()
    {
        if (Kind == ConfigNodeKind.Null)
        {
            return [];
        }
        if (Kind != ConfigNodeKind.Sequence)
        {
            throw Mismatch("a list of strings");
        }
        return _items.Select(item => item.GetString()).ToArray();
    }

    /// <summary>
    /// A mapping of keys to strings (for example HTTP headers), in the order written; an empty node is an empty
    /// mapping. Keys compare ordinally.
    /// </summary>
    /// <exception cref="ConfigurationException">The node is not a mapping, or a value is not a string.</exception>
    public IReadOnlyDictionary<string, string> GetStringMap() =>
        new OrderedReadOnlyDictionary<string, string>(GetMapping()._entries.Select(e => KeyValuePair.Create(e.Key, e.Value.GetString())));

    /// <summary>The exception for a node that is not what the caller expected, saying both.</summary>
    /// <param name="expected">What was expected, for example "a whole number ≥ 1".</param>
    public ConfigurationException Mismatch(string expected) =>
        new($"Expected {expected}, found {Quote()}.", Location);

    /// <summary>
    /// An exception about this node with a message of the caller's. Quote the node's value with <see cref="Quote"/>;
    /// a substituted value quoted as <c>'value'</c> is replaced by its reference all the same.
    /// </summary>
    public ConfigurationException Error(string message) => new(message, Location);

    /// <summary>
    /// The node's value quoted for a message: <c>'text'</c> (shortened when long), or — when it came from a
    /// <c>${env:…}</c> or <c>${secrets:…}</c> substitution — <c>the value of ${secrets:NAME}</c>, the text as
    /// written, so that no message shows what may be a secret. Other kinds are described (<c>a list</c>).
    /// </summary>
    public string Quote() => Kind switch
    {
        ConfigNodeKind.Null => "an empty value",
        ConfigNodeKind.Sequence => "a list",
        ConfigNodeKind.Mapping => "a mapping",
        _ => IsSensitive ? SubstitutedValue.Describe(RawValue!) : $"'{Shorten(Value!)}'",
    };

    private string ScalarText(string expected) =>
        Kind == ConfigNodeKind.Scalar ? Value!.Trim() : throw Mismatch(expected);

    internal static string Shorten(string text)
    {
        const int MaxShown = 60;
        return text.Length > MaxShown ? string.Concat(text.AsSpan(0, MaxShown), "…") : text;
    }
}
