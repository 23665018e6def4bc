namespace ModelMesh;

/// <summary>
/// A request to the Transcriptions API (speech to text), as OpenAI's <c>/v1/audio/transcriptions</c> defines it.
/// It is sent as <c>multipart/form-data</c>, not JSON: the audio is the <c>file</c> part and every other
/// property a form field.
/// </summary>
public sealed class TranscriptionRequest
{
    /// <summary>The audio, as bytes. Set this or <see cref="FileStream"/>.</summary>
    public ReadOnlyMemory<byte> File { get; set; }

    /// <summary>
    /// The audio, as a stream read when the request is sent; set this or <see cref="File"/>. The caller keeps
    /// ownership (it is not disposed). A seekable stream is read from its position at each send, so the same
    /// request can be sent again (to another provider on failover); a non-seekable one can be sent only once.
    /// </summary>
    public Stream? FileStream { get; set; }

    /// <summary>The file name sent with the audio (for example <c>speech.mp3</c>); upstreams use its extension to recognise the format.</summary>
    public string FileName { get; set; } = string.Empty;

    /// <summary>The media type of the audio part (for example <c>audio/mpeg</c>); <c>application/octet-stream</c> when unset.</summary>
    public string? FileContentType { get; set; }

    /// <summary>The pool, capability or model to use.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>The spoken language as ISO-639-1 (<c>en</c>, <c>de</c>, …), which improves accuracy and latency.</summary>
    public string? Language { get; set; }

    /// <summary>Text to guide the style or continue a previous segment, in the audio's language.</summary>
    public string? Prompt { get; set; }

    /// <summary>The response format: <c>json</c> (the upstream's default), <c>text</c>, <c>srt</c>, <c>verbose_json</c> or <c>vtt</c>.</summary>
    public string? ResponseFormat { get; set; }

    /// <summary>The sampling temperature, 0 to 1.</summary>
    public double? Temperature { get; set; }

    /// <summary>Timestamps to return with <c>verbose_json</c>: <c>word</c>, <c>segment</c> or both.</summary>
    public IReadOnlyList<string>? TimestampGranularities { get; set; }

    /// <summary>
    /// Form fields not modelled above, sent in order after the others; a name may repeat (array fields such as
    /// <c>include[]</c>). For example <c>[new("include[]", "logprobs"), new("chunking_strategy", "auto")]</c>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? AdditionalFields { get; set; }

    /// <summary>
    /// A shallow copy: the audio (bytes or stream) and the lists are shared, scalar fields can be changed on the copy
    /// independently.
    /// </summary>
    public TranscriptionRequest Clone() => (TranscriptionRequest)MemberwiseClone();
}
