using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Gateway.Tests.Load;

/// <summary>
/// The load tests' fixture: loopback upstreams answering every request with one responder (no script), a mesh
/// with a chat pool over them whose retry, rotation and stream timeouts the test chooses, the gateway in front,
/// and a client built for many concurrent connections (a real <see cref="SocketsHttpHandler"/>, no connection cap).
/// </summary>
internal sealed class LoadGateway : IAsyncDisposable
{
    private readonly LoopbackUpstream[] _upstreams;

    private LoadGateway(LoopbackUpstream[] upstreams, MeshClient mesh, GatewayServer server, HttpClient http)
    {
        _upstreams = upstreams;
        Mesh = mesh;
        Server = server;
        Http = http;
    }

    public MeshClient Mesh { get; }

    public GatewayServer Server { get; }

    /// <summary>The client: no overall timeout of its own (each request brings its own), up to 4,096 connections.</summary>
    public HttpClient Http { get; }

    public IReadOnlyList<LoopbackUpstream> Upstreams => _upstreams;

    /// <param name="providers">Provider ids; each gets an upstream and chat model "&lt;id&gt;.m" in pool "chat".</param>
    /// <param name="respond">Answers every request an upstream receives (given the provider id).</param>
    public static async Task<LoadGateway> StartAsync(string[] providers, Func<string, HttpContext, RecordedRequest, Task> respond, RetryOptions retry, RotationPolicyOptions rotation, StreamTimeouts timeouts, TimeSpan providerTimeout)
    {
        var upstreams = new LoopbackUpstream[providers.Length];
        var builder = new MeshBuilder();
        for (var i = 0; i < providers.Length; i++)
        {
            var id = providers[i];
            upstreams[i] = (await LoopbackUpstream.StartAsync()).Otherwise((context, request) => respond(id, context, request));
            builder.AddProvider(new OpenAICompatibleProvider(new ProviderOptions(id, upstreams[i].BaseUrl)
            {
                ApiKey = "sk-load-" + id + "-0123456789",
                RequestTimeout = providerTimeout,
                StreamIdleTimeout = providerTimeout,
            }));
            builder.AddModels(new ModelDefinition { Id = id + ".m", ProviderId = id, Capabilities = ["chat-completion"], Pricing = new ModelPricing(0.001m, 0.002m) });
        }
        builder.AddPool(new PoolDefinition
        {
            Id = "chat",
            Models = providers.Select(p => p + ".m").ToArray(),
            Retry = retry,
            Rotation = rotation,
            Timeouts = timeouts,
        });
        var mesh = builder.Build();
        var server = GatewayServer.Create(mesh, new GatewayOptions { Port = 0, LogLevel = LogLevel.Critical, LoggerProvider = SilentLogs.Instance, DrainTimeout = TimeSpan.FromSeconds(2) });
        await server.StartAsync();
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = server.Address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new LoadGateway(upstreams, mesh, server, http);
    }

    /// <summary>The gateway's <c>modelmesh_requests_in_flight</c> gauge, as <c>/metrics</c> reports it.</summary>
    public async Task<long> InFlightAsync(CancellationToken cancellationToken)
    {
        var text = await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        const string Gauge = "modelmesh_requests_in_flight ";
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(Gauge, StringComparison.Ordinal))
            {
                // The scrape itself does not count: /metrics is not an API call.
                return long.Parse(line.AsSpan(Gauge.Length), NumberStyles.Integer, CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException("/metrics has no modelmesh_requests_in_flight gauge.");
    }

    /// <summary>
    /// Polls the in-flight gauge until it reads 0 or <paramref name="bound"/> has passed, and returns the last
    /// reading: a client can have read a whole answer a moment before the gateway counts the request finished.
    /// </summary>
    public async Task<long> InFlightSettledAsync(TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var scrape = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var inFlight = await InFlightAsync(scrape.Token);
            if (inFlight == 0 || clock.Elapsed > bound)
            {
                return inFlight;
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Mesh.Dispose();
        foreach (var upstream in _upstreams)
        {
            await upstream.DisposeAsync();
        }
    }

    private sealed class SilentLogs : ILoggerProvider
    {
        public static readonly SilentLogs Instance = new();

        public ILogger CreateLogger(string categoryName) => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }
    }
}
