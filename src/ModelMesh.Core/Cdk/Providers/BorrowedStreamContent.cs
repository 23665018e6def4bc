using System.Net;

namespace ModelMesh.Cdk;

/// <summary>
/// Request content read from a caller's stream without taking ownership: <see cref="StreamContent"/> would
/// dispose the stream with the request, and the caller may want to send it again (failover) or keep using it.
/// A seekable stream is read from where it was and put back there afterwards, so every send reads the same bytes.
/// </summary>
internal sealed class BorrowedStreamContent : HttpContent
{
    private readonly Stream _stream;
    private readonly long _start;

    public BorrowedStreamContent(Stream stream)
    {
        _stream = stream;
        _start = stream.CanSeek ? stream.Position : -1;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_start < 0)
        {
            await _stream.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            return;
        }
        _stream.Position = _start; // HttpClient may serialize twice (a redirect that keeps the body)
        try
        {
            await _stream.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _stream.Position = _start;
        }
    }

    // A known length keeps the multipart body out of chunked encoding, which some upstreams reject.
    protected override bool TryComputeLength(out long length)
    {
        length = _start < 0 ? 0 : _stream.Length - _start;
        return _start >= 0;
    }
}
