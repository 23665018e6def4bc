using System.Net.Http.Headers;

namespace ModelMesh.Cdk;

/// <summary>
/// Request bodies made of a caller's audio without taking ownership of it, for connectors that send the audio
/// raw (an upload of the bytes themselves) or inside a body of their own. A <see cref="StreamContent"/> would
/// dispose the caller's stream with the first request, so a failover to the next provider, or the caller's own
/// later use, would find it closed.
/// </summary>
public static class BorrowedContent
{
    /// <summary>
    /// The audio of a transcription request as request content: <see cref="TranscriptionRequest.FileStream"/> read
    /// without being disposed (a seekable stream is read from where it was and put back there, so every send, and
    /// every provider a mesh tries, reads the same bytes), or else <see cref="TranscriptionRequest.File"/>. The
    /// <c>Content-Type</c> is <see cref="TranscriptionRequest.FileContentType"/>, or <c>application/octet-stream</c>.
    /// Create one per send (from a content factory): a non-seekable stream can be read only once.
    /// </summary>
    /// <param name="request">The request whose audio is sent.</param>
    public static HttpContent Of(TranscriptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpContent content = request.FileStream is { } stream ? new BorrowedStreamContent(stream) : new ReadOnlyMemoryContent(request.File);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.FileContentType ?? "application/octet-stream");
        return content;
    }

    /// <summary>
    /// A stream as request content that is not disposed with the request; a seekable stream is read from its
    /// current position and put back there afterwards. The caller still owns the stream.
    /// </summary>
    /// <param name="stream">The readable stream to send.</param>
    /// <exception cref="ArgumentException">The stream cannot be read.</exception>
    public static HttpContent Of(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream to send cannot be read.", nameof(stream));
        }
        return new BorrowedStreamContent(stream);
    }
}
