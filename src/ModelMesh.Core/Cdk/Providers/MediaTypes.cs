namespace ModelMesh.Cdk;

/// <summary>Media-type helpers for the response hooks.</summary>
internal static class MediaTypes
{
    /// <summary>The media type of a <c>Content-Type</c> value, lower-case, without parameters; null when absent.</summary>
    public static string? TypeOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }
        var end = contentType.IndexOf(';', StringComparison.Ordinal);
        return (end < 0 ? contentType : contentType[..end]).Trim().ToLowerInvariant();
    }

    public static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal));

    public static bool IsTextTranscriptionFormat(string? format) =>
        format is not null && (format.Equals("text", StringComparison.OrdinalIgnoreCase)
            || format.Equals("srt", StringComparison.OrdinalIgnoreCase) || format.Equals("vtt", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The format of speech audio: what the content type says when it names a format (an upstream may ignore the
    /// requested one), else the requested format, else the subtype of an <c>audio/*</c> type, else OpenAI's default mp3.
    /// </summary>
    public static string SpeechFormat(string? mediaType, string? requested) => mediaType switch
    {
        "audio/mpeg" or "audio/mp3" => "mp3",
        "audio/opus" => "opus",
        "audio/aac" => "aac",
        "audio/flac" or "audio/x-flac" => "flac",
        "audio/wav" or "audio/x-wav" or "audio/wave" or "audio/vnd.wave" => "wav",
        "audio/pcm" or "audio/l16" => "pcm",
        _ when !string.IsNullOrWhiteSpace(requested) => requested.ToLowerInvariant(),
        not null when mediaType.StartsWith("audio/", StringComparison.Ordinal) => SubtypeOf(mediaType),
        _ => "mp3",
    };

    private static string SubtypeOf(string audioType)
    {
        var subtype = audioType["audio/".Length..];
        return subtype.StartsWith("x-", StringComparison.Ordinal) ? subtype[2..] : subtype;
    }
}
