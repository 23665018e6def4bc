using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using ModelMesh.Cdk;
using ModelMesh.Gateway;

namespace ModelMesh.Benchmarks.Gateway;

/// <summary>
/// One client on loopback and three ways to reach the same fake upstream: directly, through a bare Kestrel
/// pass-through proxy, and through <see cref="GatewayServer"/> over a one-model mesh pointing at it. Everything
/// runs in the benchmark process (so memory figures are the whole process's, client and upstream included).
/// </summary>
internal sealed class GatewayRig : IAsyncDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly FakeUpstream _upstream;
    private readonly PassThroughProxy _proxy;
    private readonly MeshClient _mesh;
    private readonly GatewayServer _gateway;
    private readonly HttpClient _client;
    private readonly byte[] _completionBody;
    private readonly byte[] _streamBody;

    private GatewayRig(FakeUpstream upstream, PassThroughProxy proxy, MeshClient mesh, GatewayServer gateway, int streamChunks)
    {
        _upstream = upstream;
        _proxy = proxy;
        _mesh = mesh;
        _gateway = gateway;
        StreamChunks = streamChunks;
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        Direct = new Uri(upstream.Address, "v1/chat/completions");
        Proxy = new Uri(proxy.Address, "v1/chat/completions");
        Gateway = new Uri(gateway.Address!, "/v1/chat/completions");
        _completionBody = RequestBody(stream: false);
        _streamBody = RequestBody(stream: true);
    }

    public Uri Direct { get; }

    public Uri Proxy { get; }

    public Uri Gateway { get; }

    public int StreamChunks { get; }

    /// <summary>Time to the first chunk of every stream read since the warm-up (over HTTP: its first body bytes).</summary>
    public LatencySamples FirstChunk { get; } = new("time to first chunk (over HTTP: first body bytes)");

    /// <summary>Time of every request <see cref="SequentialAsync"/> made since the warm-up.</summary>
    public LatencySamples RequestTime { get; } = new("time per request (to the end of the answer), one at a time,");

    /// <summary>
    /// <paramref name="count"/> requests one after another, each timed. A benchmark of one request per invocation would
    /// have BenchmarkDotNet's thread block on each request's task, spinning first, which on two cores takes a core
    /// from the client, gateway and upstream that share them; one wait per batch does not.
    /// </summary>
    public async Task SequentialAsync(Func<Task<int>> request, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await request().ConfigureAwait(false);
            RequestTime.Add(Stopwatch.GetTimestamp() - started);
        }
    }

    public static async Task<GatewayRig> StartAsync(int streamChunks = 48)
    {
        var upstream = await FakeUpstream.StartAsync(streamChunks).ConfigureAwait(false);
        var proxy = await PassThroughProxy.StartAsync(upstream.Address).ConfigureAwait(false);
        var mesh = new MeshBuilder()
            .AddProvider(new OpenAICompatibleProvider(new ProviderOptions("fake", upstream.Address) { ApiKey = "sk-bench-0123456789" }))
            .AddModels(new ModelDefinition
            {
                Id = "fake.gpt-4o-mini",
                ProviderId = "fake",
                Capabilities = ["chat-completion"],
                ContextWindow = 128_000,
                Pricing = new ModelPricing(0.00015m, 0.0006m),
            })
            .AddPool(new PoolDefinition { Id = "chat", Models = ["fake.gpt-4o-mini"] })
            .Build();
        var gateway = GatewayServer.Create(mesh, new GatewayOptions { Port = 0, LogLevel = LogLevel.Warning, LoggerProvider = SilentLogs.Instance });
        await gateway.StartAsync().ConfigureAwait(false);
        return new GatewayRig(upstream, proxy, mesh, gateway, streamChunks);
    }

    /// <summary>One non-streamed chat completion to <paramref name="target"/>, its body read to the end; returns its length.</summary>
    public async Task<int> CompleteAsync(Uri target)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = Content(_completionBody) };
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        return await DrainAsync(response, firstChunk: null).ConfigureAwait(false);
    }

    /// <summary>One streamed chat completion to <paramref name="target"/>, read to the end; records the time to its first body bytes.</summary>
    public async Task<int> StreamAsync(Uri target)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = Content(_streamBody) };
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        return await DrainAsync(response, started).ConfigureAwait(false);
    }

    /// <summary>The same completion through the mesh called in-process (its provider over loopback HTTP to the upstream), no gateway.</summary>
    public async Task<int> MeshCompleteAsync()
    {
        var completion = await _mesh.Chat.Completions.CreateAsync(MeshRequest(stream: false)).ConfigureAwait(false);
        return completion.Choices.Count;
    }

    /// <summary>The same stream through the mesh called in-process, every chunk read.</summary>
    public async Task<int> MeshStreamAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var count = 0;
        await foreach (var chunk in _mesh.Chat.Completions.StreamAsync(MeshRequest(stream: true)).ConfigureAwait(false))
        {
            if (count++ == 0)
            {
                FirstChunk.Add(Stopwatch.GetTimestamp() - started);
            }
        }
        return count;
    }

    /// <summary>The request the HTTP paths send, as the mesh's own type.</summary>
    private static ChatCompletionRequest MeshRequest(bool stream) => new()
    {
        Model = "chat",
        Messages =
        [
            ChatMessage.System("You are a helpful assistant. Answer in one short paragraph."),
            ChatMessage.User("What is the difference between a process and a thread?"),
        ],
        MaxCompletionTokens = 256,
        Temperature = 0.2,
        Stream = stream ? true : null,
    };

    /// <summary>Runs <paramref name="concurrency"/> in-process mesh requests at once.</summary>
    public Task MeshCompleteManyAsync(int concurrency)
    {
        var all = new Task[concurrency];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = MeshCompleteAsync();
        }
        return Task.WhenAll(all);
    }

    /// <summary>Runs <paramref name="concurrency"/> non-streamed requests at once.</summary>
    public Task CompleteManyAsync(Uri target, int concurrency)
    {
        var all = new Task[concurrency];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = CompleteAsync(target);
        }
        return Task.WhenAll(all);
    }

    /// <summary>Checks that each path answers as expected (a benchmark of a failure path would measure errors), then warms every path up.</summary>
    public async Task VerifyAndWarmUpAsync(TimeSpan warmUp, bool streaming)
    {
        foreach (var target in new[] { Direct, Proxy, Gateway })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = Content(streaming ? _streamBody : _completionBody) };
            using var response = await _client.SendAsync(request).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var expected = streaming ? "data: [DONE]" : CannedUpstream.Answer;
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains(expected, StringComparison.Ordinal)
                || (streaming && CountOf(body, "\"content\":\"tok\"") != StreamChunks))
            {
                throw new InvalidOperationException($"{target} answered {(int)response.StatusCode} with an unexpected body: {body[..Math.Min(body.Length, 300)]}");
            }
        }
        // As the mesh benchmarks do: on two cores these async paths keep getting faster for the first seconds (tiering).
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < warmUp)
        {
            foreach (var target in new[] { Direct, Proxy, Gateway })
            {
                await (streaming ? StreamAsync(target) : CompleteAsync(target)).ConfigureAwait(false);
            }
        }
        FirstChunk.Reset();
        RequestTime.Reset();
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return content;
    }

    private async Task<int> DrainAsync(HttpResponseMessage response, long? firstChunk)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Status {(int)response.StatusCode}.");
        }
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                if (total == 0 && firstChunk is long started)
                {
                    FirstChunk.Add(Stopwatch.GetTimestamp() - started);
                }
                total += read;
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A system and a user message, <c>max_completion_tokens</c> and <c>temperature</c>, as the mesh benchmarks send.</summary>
    private static byte[] RequestBody(bool stream) => Encoding.UTF8.GetBytes(
        "{\"model\":\"chat\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant. Answer in one short paragraph.\"},"
        + "{\"role\":\"user\",\"content\":\"What is the difference between a process and a thread?\"}],\"max_completion_tokens\":256,\"temperature\":0.2"
        + (stream ? ",\"stream\":true" : string.Empty) + "}");

    /// <summary>The process's working set, in MiB, for the reports.</summary>
    public static string WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture, $"working set {process.WorkingSet64 / 1048576.0:F1} MiB (peak {process.PeakWorkingSet64 / 1048576.0:F1} MiB), managed heap {GC.GetTotalMemory(false) / 1048576.0:F1} MiB");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync().ConfigureAwait(false);
        _mesh.Dispose();
        await _proxy.DisposeAsync().ConfigureAwait(false);
        await _upstream.DisposeAsync().ConfigureAwait(false);
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
