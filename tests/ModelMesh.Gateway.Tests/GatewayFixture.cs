using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using ModelMesh.Cdk;
using ModelMesh.Gateway;
using ModelMesh.Testing;

namespace ModelMesh.Gateway.Tests;

/// <summary>
/// Loopback upstreams (ids "a", "b", …), each behind an OpenAI-compatible provider serving chat model "&lt;id&gt;.m"
/// and embeddings model "&lt;id&gt;.e", a mesh with pools "chat" and "embed" over them, and the gateway on a free
/// loopback port in front; <see cref="Http"/> talks to the gateway.
/// </summary>
internal sealed class GatewayFixture : IAsyncDisposable
{
    private readonly Dictionary<string, LoopbackUpstream> _upstreams;

    private GatewayFixture(Dictionary<string, LoopbackUpstream> upstreams, MeshClient mesh, GatewayServer server)
    {
        _upstreams = upstreams;
        Mesh = mesh;
        Server = server;
        Http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public LoopbackUpstream this[string providerId] => _upstreams[providerId];

    public MeshClient Mesh { get; }

    public GatewayServer Server { get; }

    public HttpClient Http { get; }

    public Uri Address => Server.Address!;

    public static async Task<GatewayFixture> StartAsync(string[]? providers = null, GatewayOptions? options = null, RetryOptions? retry = null, BudgetOptions? budget = null, StreamTimeouts? timeouts = null)
    {
        providers ??= ["a", "b"];
        var upstreams = new Dictionary<string, LoopbackUpstream>();
        foreach (var id in providers)
        {
            upstreams[id] = await LoopbackUpstream.StartAsync();
        }
        var builder = new MeshBuilder().UseBudget(budget ?? new BudgetOptions());
        foreach (var (id, upstream) in upstreams)
        {
            builder.AddProvider(new OpenAICompatibleProvider(new ProviderOptions(id, upstream.BaseUrl)
            {
                ApiKey = "sk-secret-" + id + "-0123456789",
                RequestTimeout = TimeSpan.FromSeconds(20),
                StreamIdleTimeout = TimeSpan.FromSeconds(20),
            }));
            builder.AddModels(
            [
                new ModelDefinition { Id = id + ".m", ProviderId = id, Capabilities = ["chat-completion"], Pricing = new ModelPricing(0.001m, 0.002m) },
                new ModelDefinition { Id = id + ".e", ProviderId = id, Capabilities = ["text-embeddings"], Pricing = new ModelPricing(0.0001m, 0m) },
            ]);
        }
        builder.AddPool(new PoolDefinition
        {
            Id = "chat",
            Models = providers.Select(p => p + ".m").ToArray(),
            Retry = retry ?? new RetryOptions { MaxAttempts = 1, InitialDelay = TimeSpan.FromMilliseconds(1), TotalTimeout = TimeSpan.FromSeconds(20) },
            Timeouts = timeouts ?? new StreamTimeouts(),
        });
        builder.AddPool(new PoolDefinition
        {
            Id = "embed",
            Models = providers.Select(p => p + ".e").ToArray(),
            Retry = retry ?? new RetryOptions { MaxAttempts = 1, InitialDelay = TimeSpan.FromMilliseconds(1), TotalTimeout = TimeSpan.FromSeconds(20) },
        });
        var mesh = builder.Build();
        var server = GatewayServer.Create(mesh, (options ?? new GatewayOptions()) with { Port = 0, LogLevel = LogLevel.Warning, LoggerProvider = NullProvider.Instance });
        await server.StartAsync();
        return new GatewayFixture(upstreams, mesh, server);
    }

    public HttpClient Authorized(string token)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Mesh.Dispose();
        foreach (var upstream in _upstreams.Values)
        {
            await upstream.DisposeAsync();
        }
    }

    private sealed class NullProvider : ILoggerProvider
    {
        public static readonly NullProvider Instance = new();

        public ILogger CreateLogger(string categoryName) => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }
    }
}
