using System.Globalization;
using System.Text;
using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>A clock whose "now" tests move by hand; timers (backoff delays) still run in real time.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public ManualClock() : this(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>
/// Several loopback upstreams, each behind its own OpenAI-compatible provider (ids "a", "b", …) serving one
/// chat model "&lt;id&gt;.m", and a mesh over them built per test.
/// </summary>
internal sealed class MeshFixture : IAsyncDisposable
{
    private readonly Dictionary<string, LoopbackUpstream> _upstreams;

    private MeshFixture(Dictionary<string, LoopbackUpstream> upstreams) => _upstreams = upstreams;

    public ManualClock Clock { get; } = new();

    public LoopbackUpstream this[string providerId] => _upstreams[providerId];

    public static async Task<MeshFixture> StartAsync(params string[] providerIds)
    {
        var upstreams = new Dictionary<string, LoopbackUpstream>();
        foreach (var id in providerIds)
        {
            upstreams[id] = await LoopbackUpstream.StartAsync();
        }
        return new MeshFixture(upstreams);
    }

    public static ModelDefinition Model(string providerId, string name = "m", decimal inputPer1K = 0.001m, decimal outputPer1K = 0.002m, int? contextWindow = null, ModelFeatures? features = null, string capability = "chat-completion") => new()
    {
        Id = providerId + "." + name,
        ProviderId = providerId,
        Capabilities = [capability],
        Pricing = new ModelPricing(inputPer1K, outputPer1K),
        ContextWindow = contextWindow,
        Features = features,
    };

    /// <summary>A builder with every upstream's provider and one model each (unless models are given), and the manual clock.</summary>
    public MeshBuilder Builder(IEnumerable<ModelDefinition>? models = null)
    {
        var builder = new MeshBuilder().UseTimeProvider(Clock);
        foreach (var (id, upstream) in _upstreams)
        {
            builder.AddProvider(new OpenAICompatibleProvider(new ProviderOptions(id, upstream.BaseUrl)
            {
                ApiKey = "sk-test-" + id + "-0123456789",
                RequestTimeout = TimeSpan.FromSeconds(20),
                StreamIdleTimeout = TimeSpan.FromSeconds(20),
                TimeProvider = Clock,
            }));
        }
        return builder.AddModels(models ?? _upstreams.Keys.Select(id => Model(id)));
    }

    /// <summary>A mesh with one pool "chat" over every model, with fast retries.</summary>
    public MeshClient Mesh(string strategy = RotationStrategies.StickUntilFailure, RotationPolicyOptions? rotation = null, RetryOptions? retry = null, IEnumerable<ModelDefinition>? models = null, BudgetOptions? budget = null, StreamTimeouts? timeouts = null, params MeshMiddleware[] middleware)
    {
        var builder = Builder(models).AddPool(new PoolDefinition
        {
            Id = "chat",
            Capability = "chat-completion",
            Strategy = strategy,
            Rotation = rotation ?? new RotationPolicyOptions(),
            Retry = retry ?? FastRetry,
            Timeouts = timeouts ?? new StreamTimeouts(),
        });
        if (budget is not null)
        {
            builder.UseBudget(budget);
        }
        foreach (var step in middleware)
        {
            builder.Use(step);
        }
        return builder.Build();
    }

    public static RetryOptions FastRetry { get; } = new() { MaxAttempts = 2, InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromSeconds(2), TotalTimeout = TimeSpan.FromSeconds(30) };

    public static ChatCompletionRequest Ask(string text = "Hello", string model = "chat", int? maxTokens = null) =>
        new() { Model = model, Messages = [ChatMessage.User(text)], MaxTokens = maxTokens };

    public static string CompletionJson(string text, int prompt = 9, int completion = 10, string? cost = null) =>
        "{\"id\":\"cmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
        + text + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + prompt.ToString(CultureInfo.InvariantCulture)
        + ",\"completion_tokens\":" + completion.ToString(CultureInfo.InvariantCulture) + ",\"total_tokens\":" + (prompt + completion).ToString(CultureInfo.InvariantCulture)
        + (cost is null ? string.Empty : ",\"cost\":" + cost) + "}}";

    public static string ErrorJson(string message, string type = "server_error", string? code = null) =>
        "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\"" + (code is null ? string.Empty : ",\"code\":\"" + code + "\"") + "}}";

    public static string Chunk(string? content, string? finish = null, string? role = null) =>
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{"
        + (role is null ? string.Empty : "\"role\":\"" + role + "\"" + (content is null ? string.Empty : ","))
        + (content is null ? string.Empty : "\"content\":\"" + content + "\"") + "},\"finish_reason\":"
        + (finish is null ? "null" : "\"" + finish + "\"") + "}]}\n\n";

    public static string Stream(params string[] words)
    {
        var body = new StringBuilder(Chunk(null, role: "assistant"));
        foreach (var word in words)
        {
            body.Append(Chunk(word));
        }
        return body.Append(Chunk(null, "stop")).Append("data: [DONE]\n\n").ToString();
    }

    /// <summary>Makes an upstream answer every request with a completion naming it.</summary>
    public MeshFixture AlwaysAnswer(string providerId)
    {
        this[providerId].Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(CompletionJson("from " + providerId))));
        return this;
    }

    public static async Task<List<string>> CollectAsync(IAsyncEnumerable<ChatCompletionChunk> chunks, List<string>? into = null)
    {
        var texts = into ?? [];
        await foreach (var chunk in chunks)
        {
            if (chunk.Choices.Count > 0 && chunk.Choices[0].Delta.Content is { } text)
            {
                texts.Add(text);
            }
        }
        return texts;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var upstream in _upstreams.Values)
        {
            await upstream.DisposeAsync();
        }
    }
}
