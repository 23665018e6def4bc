using System.Globalization;

namespace ModelMesh.Cdk;

/// <summary>Which of a provider's response-size limits was crossed.</summary>
public enum ResponseLimit
{
    /// <summary>A successful response body read whole (<see cref="ProviderOptions.MaxResponseBodyBytes"/>).</summary>
    ResponseBody,
    /// <summary>One event of a streamed response (<see cref="ProviderOptions.MaxStreamEventBytes"/>).</summary>
    StreamEvent,
}

/// <summary>
/// Reading stopped because a response body or a stream event was larger than its limit. Thrown by the reading
/// code (for example <see cref="StreamEventReader"/>); a provider turns it into a <see cref="ResponseTooLargeException"/>.
/// </summary>
public sealed class ResponseLimitExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="limit">Which limit was crossed.</param>
    /// <param name="limitBytes">The limit, in bytes.</param>
    /// <param name="declaredBytes">The length the upstream announced (<c>Content-Length</c>), when that is how it was known.</param>
    public ResponseLimitExceededException(ResponseLimit limit, long limitBytes, long? declaredBytes = null)
        : base(Describe(limit, limitBytes, declaredBytes))
    {
        Limit = limit;
        LimitBytes = limitBytes;
        DeclaredBytes = declaredBytes;
    }

    /// <summary>Which limit was crossed.</summary>
    public ResponseLimit Limit { get; }

    /// <summary>The limit, in bytes.</summary>
    public long LimitBytes { get; }

    /// <summary>The length the upstream announced (<c>Content-Length</c>), or null when the limit was crossed while reading.</summary>
    public long? DeclaredBytes { get; }

    private static string Describe(ResponseLimit limit, long limitBytes, long? declaredBytes)
    {
        var what = limit == ResponseLimit.StreamEvent ? "A single stream event" : "The response body";
        var bound = limitBytes.ToString(CultureInfo.InvariantCulture) + " bytes";
        return declaredBytes is long declared
            ? $"{what} is {declared.ToString(CultureInfo.InvariantCulture)} bytes (Content-Length), above the limit of {bound}."
            : $"{what} is larger than the limit of {bound}; reading stopped there.";
    }
}
