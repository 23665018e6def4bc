namespace ModelMesh;

/// <summary>How <see cref="Mesh.Create(string, MeshOptions?)"/> builds a mesh from the environment.</summary>
public sealed record MeshOptions
{
    /// <summary>Only these providers (vendor names such as <c>openai</c>, or connector ids); empty for all found.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary>Only these model ids (for example <c>openai.gpt-4o-mini</c>); empty for every default model.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>The rotation strategy of every pool: an id (<see cref="RotationStrategies"/>) or short name. Default stick-until-failure.</summary>
    public string Strategy { get; init; } = RotationStrategies.StickUntilFailure;

    /// <summary>
    /// A configuration template (<c>cost-optimized</c>, <c>latency-optimized</c>, <c>high-availability</c>,
    /// <c>development</c>, <c>balanced</c>) whose strategy, thresholds and budget apply where these options keep
    /// their defaults.
    /// </summary>
    public string? Template { get; init; }

    /// <summary>The name of one pool to create instead of one pool per capability.</summary>
    public string? Pool { get; init; }

    /// <summary>API keys given explicitly, keyed by variable (<c>OPENAI_API_KEY</c>) or vendor (<c>openai</c>); they win over the environment.</summary>
    public IReadOnlyDictionary<string, string> ApiKeys { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads environment variables; default <see cref="System.Environment.GetEnvironmentVariable(string)"/>.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>Middleware run around every request.</summary>
    public IReadOnlyList<MeshMiddleware> Middleware { get; init; } = [];

    /// <summary>Spending limits.</summary>
    public BudgetOptions Budget { get; init; } = new();

    /// <summary>Deactivation and strategy settings of every pool.</summary>
    public RotationPolicyOptions Rotation { get; init; } = new();

    /// <summary>Retry and failover bounds of every pool.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Streaming timeouts of every pool.</summary>
    public StreamTimeouts Timeouts { get; init; } = new();

    /// <summary>The HTTP client providers send with (for example from <c>IHttpClientFactory</c>); null to let each create one.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Where the mesh logs routing, health and budget events (category <c>ModelMesh</c>); null for none.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Whether message content may reach logs and spans: the prompt and answer of chat calls (log events 1004 and
    /// 1005 at trace level, the request span's <c>gen_ai.input.messages</c> / <c>gen_ai.output.messages</c>).
    /// Default false: no message content is ever logged, traced or measured.
    /// </summary>
    public bool LogContent { get; init; }

    /// <summary>Creates the mesh's meter (<c>ModelMesh</c>), for example the container's; null for a meter of the mesh's own.</summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; init; }

    /// <summary>
    /// How local runtimes found by their host variable (<c>OLLAMA_HOST</c>, <c>LMSTUDIO_HOST</c>, <c>VLLM_HOST</c>,
    /// <c>LOCALAI_HOST</c>) discover the models they serve, at the first request that could use them; null to serve
    /// their connector's catalogue instead. Not used when <see cref="Models"/> names the models. See docs/configuration.md, "Model discovery".
    /// </summary>
    public ModelDiscoveryOptions? Discovery { get; init; } = new();

    /// <summary>The clock (tests substitute their own). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
