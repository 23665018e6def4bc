namespace ModelMesh;

/// <summary>
/// Timeouts for streamed requests, enforced by the router on top of the provider's own request and idle
/// timeouts. A timeout before the first content fails over; after it, the stream ends with
/// <see cref="StreamInterruptedException"/>.
/// </summary>
public sealed record StreamTimeouts
{
    /// <summary>Longest wait from sending the request to the first content delta; null for none.</summary>
    public TimeSpan? FirstToken { get; init; }

    /// <summary>Longest silence between chunks; null for the provider's own idle timeout.</summary>
    public TimeSpan? Idle { get; init; }

    /// <summary>Longest a whole stream may take; null for none.</summary>
    public TimeSpan? Total { get; init; }
}
