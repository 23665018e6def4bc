namespace ModelMesh;

/// <summary>
/// A stream failed after content had already been handed to the caller, so it could not fail over without
/// duplicating output. Carries what was delivered so far.
/// </summary>
public sealed class StreamInterruptedException : ModelMeshException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="partialText">The text content delivered before the failure.</param>
    /// <param name="usage">Usage reported (or counted) so far, if any.</param>
    /// <param name="innerException">The failure that ended the stream.</param>
    public StreamInterruptedException(string partialText, Usage? usage, Exception innerException)
        : base($"The stream was interrupted after {partialText.Length} character(s) of content had been delivered: {innerException?.Message}", innerException)
    {
        PartialText = partialText;
        Usage = usage;
    }

    /// <summary>The text content delivered before the failure.</summary>
    public string PartialText { get; }

    /// <summary>Usage reported so far, if any.</summary>
    public Usage? Usage { get; }
}
