namespace ModelMesh.Core.Tests.Reliability;

/// <summary>The faults of the matrix (its rows), each done once by the first provider of a two-provider mesh.</summary>
public enum Fault
{
    RateLimitWithShortRetryAfter,
    RateLimitWithLongRetryAfter,
    Status500,
    Status502,
    Status503,
    Status529,
    ResetBeforeHeaders,
    ResetMidStream,
    HangBeforeHeaders,
    SlowFirstToken,
    StallBetweenChunks,
    KeepAliveForeverBeforeOutput,
    KeepAliveForeverAfterOutput,
    MalformedJson,
    TruncatedWithoutTerminator,
    InBandErrorEvent,
    OversizedEvent,
}

/// <summary>What a caller sees of a faulty request.</summary>
public enum OutcomeKind
{
    /// <summary>The same model answered after retrying.</summary>
    Retried,
    /// <summary>The second model answered.</summary>
    FailedOver,
    /// <summary>The call failed with a typed exception (<see cref="Outcome.ErrorType"/>).</summary>
    TypedError,
    /// <summary>The stream ended with <see cref="StreamInterruptedException"/> after its first output.</summary>
    Interrupted,
}

/// <summary>An outcome kind, how many attempts were made, and for a typed error (or an interruption's cause) its type.</summary>
public sealed record Outcome(OutcomeKind Kind, int Attempts, string? ErrorType = null)
{
    public override string ToString() =>
        Kind + (ErrorType is null ? string.Empty : " " + ErrorType) + ", " + Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture) + (Attempts == 1 ? " attempt" : " attempts");
}
