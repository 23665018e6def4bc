using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh;

namespace ModelMesh.Samples;

/// <summary>
/// A tiny OpenAI-compatible server on 127.0.0.1, the way a local runtime (Ollama, LM Studio, vLLM) or a
/// vendor's API would answer, so the samples need no API key and no network. It serves
/// <c>POST /v1/chat/completions</c> (streamed word by word when the request asks for a stream, otherwise one
/// JSON answer), Ollama's native <c>POST /api/chat</c> (NDJSON) and <c>POST /v1/embeddings</c> (deterministic unit vectors), or fails every request with an
/// OpenAI-shaped error when started with a failure status.
/// </summary>
internal sealed class LocalEndpoint : IAsyncDisposable
{
    /// <summary>The answer to any question about APIs.</summary>
    public const string Answer = "An API is a contract that lets one program ask another for data or work, without knowing how it is done inside. "
        + "It lists the requests you may send and the answers you will get back.";

    /// <summary>The dimension of the embeddings it returns when the request names none (text-embedding-3-small's).</summary>
    public const int DefaultDimensions = 1536;

    private readonly WebApplication _app;
    private int _requests;

    private LocalEndpoint(string name, int? failWith, WebApplication app)
    {
        Name = name;
        FailWith = failWith;
        _app = app;
    }

    /// <summary>A name for the endpoint, used in its answers and in the samples' output.</summary>
    public string Name { get; }

    /// <summary>The HTTP status every request fails with, or null when the endpoint answers.</summary>
    public int? FailWith { get; }

    /// <summary>The base URL (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The base URL without its trailing slash, as it would be written in an environment variable.</summary>
    public string Address => BaseUrl.ToString().TrimEnd('/');

    /// <summary>How many requests reached the endpoint.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Starts an endpoint on a free loopback port.</summary>
    /// <param name="name">A name for it (shown in its answers).</param>
    /// <param name="failWith">An HTTP status (for example 503) to fail every request with; null to answer.</param>
    public static async Task<LocalEndpoint> StartAsync(string name = "local", int? failWith = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new LocalEndpoint(name, failWith, app);
        app.MapPost("/v1/chat/completions", endpoint.ChatAsync);
        app.MapPost("/v1/embeddings", endpoint.EmbeddingsAsync);
        // Ollama's native chat API (ollama.local.v1): newline-delimited JSON when streamed, one JSON object otherwise.
        app.MapPost("/api/chat", endpoint.OllamaChatAsync);
        // Azure OpenAI's route shape (Tutorial 5's derived connector): the deployment in the path, api-version in the query.
        app.MapPost("/openai/deployments/{deployment}/chat/completions", endpoint.ChatAsync);
        await app.StartAsync();
        endpoint.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return endpoint;
    }

    /// <summary>The path and query of the last chat request.</summary>
    public string? LastChatPath { get; private set; }

    /// <summary>The request headers of the last chat request.</summary>
    public IReadOnlyDictionary<string, string>? LastChatHeaders { get; private set; }

    private async Task ChatAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        LastChatPath = context.Request.Path + context.Request.QueryString;
        LastChatHeaders = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (FailWith is int status)
        {
            await FailAsync(context, status);
            return;
        }
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, ModelMeshJson.ChatCompletionRequest, context.RequestAborted)
            ?? throw new BadHttpRequestException("Empty request body.");
        var text = Reply(request);
        var usage = new Usage(request.Messages.Sum(m => (m.Text?.Length ?? 0) / 4 + 1), text.Split(' ').Length);
        if (request.Stream != true)
        {
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, ChatCompletion.FromText("chatcmpl-" + Name, request.Model, text, usage), ModelMeshJson.ChatCompletion, context.RequestAborted);
            return;
        }
        context.Response.ContentType = "text/event-stream";
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var chunk = new ChatCompletionChunk
            {
                Id = "chatcmpl-" + Name,
                Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                Model = request.Model,
                Choices = [new ChatChunkChoice { Delta = new ChatDelta { Role = i == 0 ? ChatRole.Assistant : null, Content = (i == 0 ? "" : " ") + words[i] } }],
            };
            await WriteEventAsync(context, JsonSerializer.Serialize(chunk, ModelMeshJson.ChatCompletionChunk));
            await Task.Delay(25, context.RequestAborted); // a model producing tokens
        }
        var last = new ChatCompletionChunk
        {
            Id = "chatcmpl-" + Name,
            Model = request.Model,
            Choices = [new ChatChunkChoice { FinishReason = FinishReason.Stop }],
            Usage = usage,
        };
        await WriteEventAsync(context, JsonSerializer.Serialize(last, ModelMeshJson.ChatCompletionChunk));
        await WriteEventAsync(context, "[DONE]");
    }

    private async Task OllamaChatAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        LastChatPath = context.Request.Path + context.Request.QueryString;
        LastChatHeaders = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (FailWith is int status)
        {
            await FailAsync(context, status);
            return;
        }
        // Ollama's request has OpenAI's messages shape (role, content); its other members (options, keep_alive, …)
        // land in the request's extension data.
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, ModelMeshJson.ChatCompletionRequest, context.RequestAborted)
            ?? throw new BadHttpRequestException("Empty request body.");
        var text = Reply(request);
        var promptTokens = request.Messages.Sum(m => (m.Text?.Length ?? 0) / 4 + 1);
        var words = text.Split(' ');
        context.Response.ContentType = request.Stream == false ? "application/json" : "application/x-ndjson";
        if (request.Stream == false)
        {
            await context.Response.Body.WriteAsync(OllamaLine(request.Model, text, done: true, promptTokens, words.Length), context.RequestAborted);
            return;
        }
        for (var i = 0; i < words.Length; i++)
        {
            await context.Response.Body.WriteAsync(OllamaLine(request.Model, (i == 0 ? "" : " ") + words[i], done: false, 0, 0), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(25, context.RequestAborted);
        }
        await context.Response.Body.WriteAsync(OllamaLine(request.Model, "", done: true, promptTokens, words.Length), context.RequestAborted);
    }

    /// <summary>One line of Ollama's /api/chat answer; the last (<paramref name="done"/>) carries the reason and counts.</summary>
    private static byte[] OllamaLine(string? model, string content, bool done, int promptTokens, int outputTokens)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteString("created_at", DateTimeOffset.UtcNow);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", content);
            json.WriteEndObject();
            json.WriteBoolean("done", done);
            if (done)
            {
                json.WriteString("done_reason", "stop");
                json.WriteNumber("prompt_eval_count", promptTokens);
                json.WriteNumber("eval_count", outputTokens);
            }
            json.WriteEndObject();
        }
        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    private async Task EmbeddingsAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (FailWith is int status)
        {
            await FailAsync(context, status);
            return;
        }
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, ModelMeshJson.EmbeddingRequest, context.RequestAborted)
            ?? throw new BadHttpRequestException("Empty request body.");
        var texts = request.Input.Texts ?? request.Input.Tokens!.Select(t => string.Join(",", t)).ToArray();
        var encoding = request.EncodingFormat == "base64" ? EmbeddingEncoding.Base64 : EmbeddingEncoding.Float;
        var tokens = texts.Sum(t => t.Length / 4 + 1);
        var response = new EmbeddingResponse
        {
            Model = request.Model,
            Data = texts.Select((t, i) => new Embedding { Index = i, Vector = new EmbeddingVector(Vector(t, request.Dimensions ?? DefaultDimensions), encoding) }).ToArray(),
            Usage = new EmbeddingUsage { PromptTokens = tokens, TotalTokens = tokens },
        };
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, response, ModelMeshJson.EmbeddingResponse, context.RequestAborted);
    }

    /// <summary>The canned answer for questions about APIs, a greeting naming the model otherwise.</summary>
    private string Reply(ChatCompletionRequest request) =>
        request.Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text?.Contains("API", StringComparison.Ordinal) == true
            ? Answer
            : $"Hello! This is {request.Model}, answering from the {Name} endpoint.";

    /// <summary>A unit vector that depends only on the text (FNV-1a seed, xorshift values).</summary>
    private static float[] Vector(string text, int dimensions)
    {
        var seed = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            seed = (seed ^ b) * 1099511628211UL;
        }
        var values = new float[dimensions];
        var norm = 0.0;
        for (var i = 0; i < dimensions; i++)
        {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            values[i] = (float)((seed >> 11) / (double)(1UL << 53) * 2 - 1);
            norm += values[i] * values[i];
        }
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < dimensions; i++)
        {
            values[i] *= scale;
        }
        return values;
    }

    private async Task FailAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var message = JsonEncodedText.Encode($"{Name} is overloaded, try again later.");
        await context.Response.WriteAsync($$$"""{"error":{"message":"{{{message}}}","type":"server_error","code":"overloaded"}}""", context.RequestAborted);
    }

    private static async Task WriteEventAsync(HttpContext context, string data)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: " + data + "\n\n"), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
