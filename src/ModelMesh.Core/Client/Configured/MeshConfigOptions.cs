using ModelMesh.Cdk;

namespace ModelMesh;

/// <summary>
/// How <see cref="Mesh.FromConfigAsync"/>, <see cref="Mesh.FromConfig(string, MeshConfigOptions?)"/> and the
/// <c>FromConfiguration</c> forms load a configuration and keep it current.
/// </summary>
public sealed class MeshConfigOptions
{
    /// <summary>Reads <c>${env:NAME}</c> references; default the process environment.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>
    /// Resolves <c>${secrets:NAME}</c> references instead of the store the file names. A store that completes its
    /// lookups asynchronously needs the asynchronous entry points (<see cref="Mesh.FromConfigAsync"/>,
    /// <see cref="Mesh.FromConfigurationAsync"/>): the synchronous ones refuse it rather than block. Reloads always await it.
    /// </summary>
    public BaseSecretStore? SecretStore { get; init; }

    /// <summary>A template applied under the file's own settings (a <c>template:</c> key in the file wins).</summary>
    public string? Template { get; init; }

    /// <summary>Middleware run around every request.</summary>
    public IReadOnlyList<MeshMiddleware> Middleware { get; init; } = [];

    /// <summary>The HTTP client providers send with; null to let each create one.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>
    /// Creates the HTTP client of one provider, given its id (for example from <c>IHttpClientFactory</c>, which
    /// <c>services.AddModelMesh</c> uses with the names <c>modelmesh.&lt;provider-id&gt;</c>); wins over
    /// <see cref="HttpClient"/>. The mesh owns retries and timeouts: a handler added to such a client must not retry
    /// (a resilience handler that retries would multiply the mesh's attempts and hide failures from its health).
    /// </summary>
    public Func<string, HttpClient>? HttpClientFactory { get; init; }

    /// <summary>
    /// Finds the Microsoft.Extensions.AI chat client registered under a key, for providers whose connector is
    /// <c>meai.chat-client.v1</c> (<c>config: service_key</c>, by default the provider id); null when there is none.
    /// <c>services.AddModelMesh(configuration)</c> sets it to the container's keyed <c>IChatClient</c> registrations
    /// (<c>services.AddKeyedChatClient("ollama", …)</c>); without DI, give it a lookup of your own.
    /// </summary>
    public Func<string, Microsoft.Extensions.AI.IChatClient?>? ChatClients { get; init; }

    /// <summary>Where the mesh logs routing, health, budget and reload events (category <c>ModelMesh</c>); null for none.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Whether message content may reach logs and spans: the prompt and answer of chat calls (log events 1004 and
    /// 1005 at trace level, the request span's <c>gen_ai.input.messages</c> / <c>gen_ai.output.messages</c>).
    /// Default false: no message content is ever logged, traced or measured.
    /// </summary>
    public bool LogContent { get; init; }

    /// <summary>Creates the mesh's meter (<c>ModelMesh</c>), for example the container's; null for a meter of the mesh's own.</summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; init; }

    /// <summary>The clock (tests substitute their own). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Whether a change to the file (or the <c>IConfiguration</c> source) rebuilds the mesh. Requests in flight
    /// finish on the old providers; a bad edit is reported through <see cref="Reloaded"/> and the last good
    /// configuration stays in force. Default true.
    /// </summary>
    public bool ReloadOnChange { get; init; } = true;

    /// <summary>How often the file is polled as well as watched (some file systems raise no events). Default 2 s.</summary>
    public TimeSpan? PollInterval { get; init; }

    /// <summary>
    /// Called after each reload attempt with the new configuration, or with the error that kept the old set-up whole
    /// (<see cref="ConfigurationReloadedEventArgs.Exception"/>: a configuration problem, or whatever a connector's
    /// factory, a secret store or a policy threw while the new set-up was built). Runs on a thread-pool thread.
    /// </summary>
    public Action<ConfigurationReloadedEventArgs>? Reloaded { get; init; }

    /// <summary>
    /// The largest configuration document read, in bytes (a file is checked before it is read, and a watched file
    /// is never read past it); default 4 MiB.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxDocumentBytes
    {
        get => _maxDocumentBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxDocumentBytes = value;
        }
    }

    private readonly int _maxDocumentBytes = ConfigurationLoadOptions.DefaultMaxDocumentBytes;

    internal ConfigurationLoadOptions LoadOptions => new()
    {
        Environment = Environment,
        SecretStore = SecretStore,
        TimeProvider = TimeProvider,
        Template = Template,
        MaxDocumentBytes = MaxDocumentBytes,
    };
}
