namespace ModelMesh;

/// <summary>
/// A hook around every request a <see cref="MeshClient"/> routes, streamed or not. Middleware runs
/// <see cref="BeforeRequestAsync"/> in registration order and <see cref="AfterResponseAsync"/> in reverse
/// (onion style); <see cref="OnErrorAsync"/> may replace a failure with a fallback response.
/// </summary>
public abstract class MeshMiddleware
{
    /// <summary>Runs before routing; may change <see cref="MiddlewareContext.Request"/> or add metadata.</summary>
    /// <param name="context">The request's context.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual ValueTask BeforeRequestAsync(MiddlewareContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Runs after a response arrived (for a stream: after its last chunk, with the assembled completion in
    /// <see cref="MiddlewareContext.Response"/>).
    /// </summary>
    /// <param name="context">The request's context, with the model that answered.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual ValueTask AfterResponseAsync(MiddlewareContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Runs when the request failed. Return a completion to answer with it instead of the error (for a stream:
    /// only before any content was delivered), or null to let the error through.
    /// </summary>
    /// <param name="context">The request's context.</param>
    /// <param name="error">The failure.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual ValueTask<ChatCompletion?> OnErrorAsync(MiddlewareContext context, Exception error, CancellationToken cancellationToken) => ValueTask.FromResult<ChatCompletion?>(null);
}

/// <summary>What middleware sees of one request.</summary>
public sealed class MiddlewareContext
{
    /// <summary>The chat request (middleware may replace or change it before routing).</summary>
    public required ChatCompletionRequest Request { get; set; }

    /// <summary>The pool the request resolved to.</summary>
    public required string PoolId { get; init; }

    /// <summary>Whether the response is streamed.</summary>
    public bool IsStreaming { get; init; }

    /// <summary>When the request started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The response, once there is one.</summary>
    public ChatCompletion? Response { get; set; }

    /// <summary>The mesh id of the model that answered, once known.</summary>
    public string? ModelId { get; internal set; }

    /// <summary>The provider that answered, once known.</summary>
    public string? ProviderId { get; internal set; }

    /// <summary>Free-form values middleware share along one request (correlation ids, spans).</summary>
    public IDictionary<string, object?> Metadata { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
