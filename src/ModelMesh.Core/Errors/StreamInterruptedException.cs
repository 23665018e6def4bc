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
        : this(partialText, string.Empty, usage, innerException)
    {
    }

    /// <summary>Creates the exception for a stream that had delivered text and reasoning.</summary>
    /// <param name="partialText">The text content delivered before the failure.</param>
    /// <param name="partialReasoning">The reasoning delivered before the failure (empty when none).</param>
    /// <param name="usage">Usage reported (or counted) so far, if any.</param>
    /// <param name="innerException">The failure that ended the stream.</param>
    public StreamInterruptedException(string partialText, string partialReasoning, Usage? usage, Exception innerException)
        : base(Describe(partialText, partialReasoning, innerException), innerException)
    {
        ArgumentNullException.ThrowIfNull(partialText);
        PartialText = partialText;
        PartialReasoning = partialReasoning ?? string.Empty;
        Usage = usage;
    }

    /// <summary>The text content delivered before the failure.</summary>
    public string PartialText { get; }

    /// <summary>The reasoning delivered before the failure; empty when the model streamed none.</summary>
    public string PartialReasoning { get; }

    private static string Describe(string text, string? reasoning, Exception? inner) =>
        string.IsNullOrEmpty(reasoning)
            ? $"The stream was interrupted after {text.Length} character(s) of content had been delivered: {inner?.Message}"
            : $"The stream was interrupted after {text.Length} character(s) of content and {reasoning.Length} of reasoning had been delivered: {inner?.Message}";

    /// <summary>Usage reported so far, if any.</summary>
    public Usage? Usage { get; }
}
