using System.Net;
using System.Net.Sockets;
using ModelMesh.Cdk;

namespace ModelMesh.ChatClients;

/// <summary>
/// What an exception from an <c>IChatClient</c> says about the failure, by type: an
/// <see cref="HttpRequestException"/>'s status, a timeout, a network fault; the exception itself or one it
/// wraps (SDKs wrap transport exceptions in their own).
/// </summary>
internal static class ChatClientFailures
{
    /// <summary>How deep the chain of inner exceptions is searched (a bound against cycles and absurd chains).</summary>
    private const int MaxDepth = 8;

    /// <summary>The HTTP status of the first <see cref="HttpRequestException"/> in the chain that has one.</summary>
    public static int? StatusOf(Exception error)
    {
        var depth = 0;
        for (var e = error; e is not null && depth < MaxDepth; e = e.InnerException, depth++)
        {
            if (e is HttpRequestException { StatusCode: HttpStatusCode status })
            {
                return (int)status;
            }
        }
        return null;
    }

    /// <summary>
    /// The exception in the chain whose type the CDK's classification knows (timeout, network), or the
    /// exception itself when none does.
    /// </summary>
    public static Exception KnownCause(Exception error)
    {
        var depth = 0;
        for (var e = error; e is not null && depth < MaxDepth; e = e.InnerException, depth++)
        {
            if (e is TimeoutException or OperationCanceledException or HttpRequestException or IOException or SocketException)
            {
                return e;
            }
        }
        return error;
    }

    /// <summary>The CDK's classification of a client's exception: its status when it has one, else its kind; anything else is Unknown and not retryable.</summary>
    public static ErrorClassification Classify(ProviderError error, DateTimeOffset now)
    {
        var cause = error.Exception is { } e ? KnownCause(e) : null;
        return DefaultErrorClassifier.Classify(new ProviderError(error.StatusCode, error.Headers, error.Body, cause, error.InBand), now);
    }
}
