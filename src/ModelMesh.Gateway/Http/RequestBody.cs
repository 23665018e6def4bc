using System.Buffers;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ModelMesh.Gateway.Errors;

namespace ModelMesh.Gateway.Http;

/// <summary>A request body read whole into a pooled buffer, bounded by the gateway's body limit. Dispose returns the buffer.</summary>
internal sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>
    /// How much past the limit is read and thrown away before a 413 goes out: a client still sending its body reads
    /// the answer, where closing the connection under it would reset the socket and lose the answer.
    /// </summary>
    public const long DrainAllowance = 1024 * 1024;

    /// <summary>How long a refused body is drained at most.</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);

    /// <exception cref="GatewayRequestException">413 when the body is larger than <paramref name="limit"/>.</exception>
    public static async Task<RequestBody> ReadAsync(HttpContext http, long limit)
    {
        // The server's own limit sits above ours by the drain allowance, so a refused body can still be drained;
        // this request's limit is ours, enforced below.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + DrainAllowance;
        }
        var declared = http.Request.ContentLength;
        if (declared > limit)
        {
            if (declared <= limit + DrainAllowance)
            {
                await DrainAsync(http).ConfigureAwait(false);
            }
            throw TooLarge(limit);
        }
        var max = (int)Math.Min(limit, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(declared ?? 16 * 1024, 256, max));
        var length = 0;
        try
        {
            var body = http.Request.Body;
            while (true)
            {
                // A rented array may be longer than asked for: the room to fill is bounded by the limit as well.
                if (length >= Math.Min(buffer.Length, max))
                {
                    if (length >= max)
                    {
                        // Full at the limit: one more byte means too large.
                        var probe = new byte[1];
                        if (await body.ReadAsync(probe, http.RequestAborted).ConfigureAwait(false) > 0)
                        {
                            await DrainAsync(http).ConfigureAwait(false);
                            throw TooLarge(limit);
                        }
                        break;
                    }
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, max));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, max) - length), http.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw TooLarge(limit);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        return new RequestBody(buffer, length);
    }

    /// <summary>Reads and discards the rest of the body, bounded by the server's limit and <see cref="DrainTime"/>.</summary>
    private static async Task DrainAsync(HttpContext http)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(DrainTime);
        var scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await http.Request.Body.ReadAsync(scratch, deadline.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or BadHttpRequestException or IOException)
        {
            // Too much, too slow, or gone: the connection closes after the answer, as it would have without the drain.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    public static GatewayRequestException TooLarge(long limit) => new(new GatewayError(GatewayErrorKind.BodyTooLarge, HttpStatusCode.RequestEntityTooLarge,
        ErrorTypes.InvalidRequest, string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the gateway's limit of {limit} bytes."))
    {
        Code = "request_too_large",
    });

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
