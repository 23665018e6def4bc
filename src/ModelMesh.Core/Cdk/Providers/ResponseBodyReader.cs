namespace ModelMesh.Cdk;

/// <summary>
/// Reads a response body into memory without ever holding much more than a limit, whatever the upstream sends:
/// an announced <c>Content-Length</c> is allocated exactly, an unannounced body grows by doubling up to the limit.
/// </summary>
internal static class ResponseBodyReader
{
    private const int InitialSize = 16 * 1024;

    /// <summary>
    /// The whole body; one larger than <paramref name="limit"/> throws <see cref="ResponseLimitExceededException"/>,
    /// before reading when its <c>Content-Length</c> says so, else as soon as the limit is crossed.
    /// </summary>
    public static Task<ReadOnlyMemory<byte>> ReadWholeAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is long declared && declared > limit)
        {
            throw new ResponseLimitExceededException(ResponseLimit.ResponseBody, limit, declared);
        }
        return ReadAsync(content, limit, failAbove: true, cancellationToken);
    }

    /// <summary>The first <paramref name="limit"/> bytes of the body; the rest is not read (error bodies, for classification).</summary>
    public static Task<ReadOnlyMemory<byte>> ReadTruncatedAsync(HttpContent content, int limit, CancellationToken cancellationToken) =>
        ReadAsync(content, limit, failAbove: false, cancellationToken);

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpContent content, int limit, bool failAbove, CancellationToken cancellationToken)
    {
        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[content.Headers.ContentLength is long declared ? (int)Math.Clamp(declared, 0, limit) : Math.Min(limit, InitialSize)];
        var probe = new byte[1];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total == limit && !failAbove)
                {
                    break;
                }
                // Full: look for one more byte before growing, so a body that fits exactly is never reallocated.
                if (await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) == 0)
                {
                    break;
                }
                if (total == limit)
                {
                    throw new ResponseLimitExceededException(ResponseLimit.ResponseBody, limit);
                }
                var wanted = Math.Max((long)buffer.Length * 2, InitialSize);
                Array.Resize(ref buffer, wanted * 2 > limit ? limit : (int)wanted); // the whole limit once doubling again would pass it
                buffer[total++] = probe[0];
                continue;
            }
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return buffer.AsMemory(0, total);
    }
}
