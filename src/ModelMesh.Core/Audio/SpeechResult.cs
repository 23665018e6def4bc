namespace ModelMesh;

/// <summary>The audio a Speech API call produced.</summary>
public sealed class SpeechResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="audio">The audio bytes, exactly as the upstream sent them.</param>
    /// <param name="contentType">The response's <c>Content-Type</c>, when it had one.</param>
    /// <param name="format">The audio format (<c>mp3</c>, <c>opus</c>, <c>aac</c>, <c>flac</c>, <c>wav</c>, <c>pcm</c>, …).</param>
    public SpeechResult(ReadOnlyMemory<byte> audio, string? contentType, string format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        Audio = audio;
        ContentType = contentType;
        Format = format;
    }

    /// <summary>The audio bytes.</summary>
    public ReadOnlyMemory<byte> Audio { get; }

    /// <summary>The response's <c>Content-Type</c> (for example <c>audio/mpeg</c>), when it had one.</summary>
    public string? ContentType { get; }

    /// <summary>
    /// The audio format: taken from <see cref="ContentType"/> when that names one, otherwise the format that was
    /// asked for (<c>mp3</c> when none was).
    /// </summary>
    public string Format { get; }

    /// <summary>The audio bytes as a read-only stream (no copy).</summary>
    public Stream OpenRead() =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(Audio, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(Audio.ToArray(), writable: false);
}
