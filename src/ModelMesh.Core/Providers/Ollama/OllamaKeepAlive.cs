using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Ollama;

/// <summary>
/// Reads <c>keep_alive</c> as Ollama reads it: a number is seconds (negative keeps the model loaded, 0 unloads it
/// at once), text is a Go duration (<c>10m</c>, <c>1h30m</c>, <c>-1m</c>).
/// </summary>
internal static partial class OllamaKeepAlive
{
    /// <exception cref="ConfigurationException">The value is neither; the message names the key, never the value.</exception>
    public static JsonElement? FromSettings(ConnectorSettings? settings, string key)
    {
        if (settings?.GetString(key) is not { } text)
        {
            return null;
        }
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            && !text.StartsWith('+') && JsonText.TryParse(seconds.ToString("R", CultureInfo.InvariantCulture), out var number))
        {
            return number;
        }
        if (GoDuration().IsMatch(text))
        {
            return JsonText.String(text);
        }
        throw settings.Error(key, $"'{key}' must be a duration such as 10m, 1h or -1m, or a number of seconds (negative keeps the model loaded).");
    }

    [GeneratedRegex(@"^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();
}
