namespace ModelMesh.Cdk;

/// <summary>
/// Reads the base64 <c>data:</c> URLs the OpenAI shape carries images in (<c>data:image/png;base64,…</c>), for
/// connectors whose upstream takes the media type and the data apart (Anthropic, Gemini, Ollama).
/// </summary>
public static class DataUrl
{
    private const string Scheme = "data:";
    private const string Base64 = ";base64";

    /// <summary>Whether <paramref name="url"/> is a <c>data:</c> URL at all (well formed or not).</summary>
    /// <param name="url">The URL.</param>
    public static bool IsDataUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Splits <c>data:&lt;media type&gt;;base64,&lt;data&gt;</c> into its media type (possibly empty) and its base64 data.
    /// False for anything else, including a <c>data:</c> URL that is not base64.
    /// </summary>
    /// <param name="url">The URL.</param>
    /// <param name="mediaType">The media type, for example <c>image/png</c>; empty when the URL names none.</param>
    /// <param name="data">The base64 text after the comma.</param>
    public static bool TryParseBase64(string url, out string mediaType, out string data)
    {
        mediaType = data = string.Empty;
        if (!IsDataUrl(url))
        {
            return false;
        }
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !url.AsSpan(Scheme.Length, comma - Scheme.Length).EndsWith(Base64, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        mediaType = url[Scheme.Length..(comma - Base64.Length)];
        data = url[(comma + 1)..];
        return true;
    }
}
