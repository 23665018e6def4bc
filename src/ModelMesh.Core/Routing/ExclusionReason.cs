namespace ModelMesh;

/// <summary>Why a pool member could not take a request (<see cref="CandidateExplanation.Exclusion"/>).</summary>
public enum ExclusionReason
{
    /// <summary>The model is on standby (cooling down, over a limit, or stopped by hand).</summary>
    Standby,
    /// <summary>The model already failed for this request.</summary>
    AlreadyTried,
    /// <summary>The model does not serve the kind of call (chat, embeddings, speech, transcription).</summary>
    WrongOperation,
    /// <summary>The request uses a feature the model lacks (tools, images, JSON schema, …).</summary>
    MissingFeature,
    /// <summary>More output tokens were asked for than the model can produce.</summary>
    OutputTooLarge,
    /// <summary>The prompt and requested output do not fit the model's context window.</summary>
    ContextWindowTooSmall,
    /// <summary>A model with this window or a larger one already rejected the prompt as too long.</summary>
    ContextWindowNotLarger,
    /// <summary>The request's estimated cost would break a budget limit.</summary>
    Budget,
    /// <summary>The rotation policy would deactivate the model before using it (<c>Explain</c> only).</summary>
    WouldBeDeactivated,
}
