using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

/// <summary>A zero-code OpenAI-compatible connector: only attributes.</summary>
[Provider("zero.compat.v1", BaseUrl = "https://zero.example.com")]
[ModelInfo("zero-small", "chat-completion", ContextWindow = 8_192, Features = ModelFeatures.Streaming | ModelFeatures.SystemPrompt)]
[ModelInfo("zero-embed", "text-embeddings", InputPricePer1K = 0.00002)]
public partial class ZeroProvider : OpenAICompatibleProvider
{
}

/// <summary>Custom records with SSE <c>data:</c> events (no event names), ended by <c>[DONE]</c>.</summary>
[Provider("acmestream.predict.v1", BaseUrl = "https://ml.internal.acme.com", ApiKeyEnv = "ACME_API_KEY")]
[ModelInfo("acme-large", "chat-completion", ContextWindow = 32_000, MaxOutputTokens = 4_096)]
public partial class AcmeStreamProvider : BaseProvider
{
    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string Endpoint(ChatCompletionRequest request) => request.Stream == true ? "/api/predict/stream" : "/api/predict";

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private static AcmeRequest Build(ChatCompletionRequest r) =>
        new(r.Model, r.Messages[^1].Text, new AcmeParams(r.MaxTokens ?? 1024));

    [HookOverride(ProviderHook.ParseResponse)]
    private static ChatCompletion Parse(AcmeResponse d) =>
        ChatCompletion.FromText(d.Id, d.ModelName, d.Result, new Usage(d.Usage.In, d.Usage.Out));

    [HookOverride(ProviderHook.ParseStreamChunk)]
    private static ChatCompletionChunk? Chunk(AcmeStreamEvent e) =>
        ChatCompletionChunk.FromText(e.Id, e.ModelName, e.Delta, e.Final ? FinishReason.Stop : null,
            e.Usage is { } u ? new Usage(u.In, u.Out) : null);
}

public sealed record AcmeStreamEvent(string Id, [property: JsonPropertyName("model_name")] string ModelName, string? Delta, bool Final = false, AcmeUsage? Usage = null);

/// <summary>Named SSE events, Anthropic style: each event type has its own record and hook; <c>message_stop</c> ends the stream.</summary>
[Provider("messages.api.v1", BaseUrl = "https://messages.example.com", ApiKeyEnv = "MESSAGES_API_KEY", EndEvent = "message_stop", WireNaming = WireNaming.AsDeclared)]
[ModelInfo("claude-like", "chat-completion", ContextWindow = 200_000, MaxOutputTokens = 8_192)]
public partial class MessagesProvider : BaseProvider
{
    [HookOverride(ProviderHook.BuildHeaders)]
    private void Headers(HttpRequestHeaders headers)
    {
        headers.Authorization = null;
        headers.TryAddWithoutValidation("x-api-key", Options.ApiKey);
        headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
    }

    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string Endpoint() => "/v1/messages";

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private static MessagesRequest Build(ChatCompletionRequest r) => new()
    {
        model = r.Model,
        max_tokens = r.MaxTokens ?? 1024,
        stream = r.Stream,
        messages = r.Messages.Select(m => new MessagesMessage(m.Role, m.Text)).ToList(),
    };

    [HookOverride(ProviderHook.ParseResponse)]
    private static ChatCompletion Parse(MessagesResponse r) =>
        ChatCompletion.FromText(r.id, r.model, string.Concat(r.content.Where(c => c.type == "text").Select(c => c.text)),
            new Usage(r.usage.input_tokens, r.usage.output_tokens));

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "message_start")]
    private static ChatCompletionChunk? Start(MessageStart e) => ChatCompletionChunk.FromText(e.message.id, e.message.model, null);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "content_block_delta")]
    private static ChatCompletionChunk? Delta(ContentBlockDelta e) => ChatCompletionChunk.FromText(string.Empty, string.Empty, e.delta.text);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "message_delta")]
    private static ChatCompletionChunk? End(MessageDelta e) =>
        ChatCompletionChunk.FromText(string.Empty, string.Empty, null, e.delta.stop_reason == "max_tokens" ? FinishReason.Length : FinishReason.Stop,
            e.usage is { } u ? new Usage(0, u.output_tokens) : null);

    [HookOverride(ProviderHook.ParseStreamChunk, Event = "error")]
    private static Exception Error(MessagesError e) => new InvalidOperationException(e.error.type + ": " + e.error.message);
}

public sealed class MessagesRequest
{
    public required string model { get; init; }
    public int max_tokens { get; init; }
    public bool? stream { get; init; }
    public IReadOnlyList<MessagesMessage> messages { get; init; } = [];
}

public sealed record MessagesMessage(string role, string content);

public sealed record MessagesResponse(string id, string model, IReadOnlyList<MessagesContent> content, MessagesUsage usage);

public sealed record MessagesContent(string type, string? text);

public sealed record MessagesUsage(int input_tokens, int output_tokens);

public sealed record MessageStart(MessageStartBody message);

public sealed record MessageStartBody(string id, string model);

public sealed record ContentBlockDelta(int index, TextDelta delta);

public sealed record TextDelta(string type, string? text);

public sealed record MessageDelta(MessageDeltaBody delta, MessageDeltaUsage? usage);

public sealed record MessageDeltaBody(string? stop_reason);

public sealed record MessageDeltaUsage(int output_tokens);

public sealed record MessagesError(MessagesErrorBody error);

public sealed record MessagesErrorBody(string type, string message);

/// <summary>NDJSON lines (Ollama's native <c>/api/chat</c>): the line with <c>"done": true</c> carries the finish reason and usage.</summary>
[Provider("ollamanative.local.v1", BaseUrl = "http://localhost:11434", StreamFormat = StreamFormat.NewlineDelimitedJson)]
[ModelInfo("llama3.2", "chat-completion", ContextWindow = 131_072)]
public partial class OllamaNativeProvider : BaseProvider
{
    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string Endpoint() => "/api/chat";

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private static OllamaChatRequest Build(ChatCompletionRequest r) =>
        new(r.Model, r.Messages.Select(m => new OllamaMessage(m.Role, m.Text)).ToArray(), r.Stream == true,
            r.Temperature is { } t ? new OllamaOptions(t) : null);

    [HookOverride(ProviderHook.ParseResponse)]
    private static ChatCompletion Parse(OllamaChatChunk r) =>
        ChatCompletion.FromText("ollama", r.Model, r.Message?.Content ?? string.Empty, new Usage(r.PromptEvalCount ?? 0, r.EvalCount ?? 0));

    [HookOverride(ProviderHook.ParseStreamChunk)]
    private static ChatCompletionChunk? Line(OllamaChatChunk r) =>
        ChatCompletionChunk.FromText("ollama", r.Model, r.Message?.Content is { Length: > 0 } text ? text : null,
            r.Done ? (r.DoneReason == "length" ? FinishReason.Length : FinishReason.Stop) : null,
            r.Done ? new Usage(r.PromptEvalCount ?? 0, r.EvalCount ?? 0) : null);
}

public sealed record OllamaChatRequest(string Model, OllamaMessage[] Messages, bool Stream, OllamaOptions? Options);

public sealed record OllamaMessage(string Role, string Content);

public sealed record OllamaOptions(double Temperature);

public sealed record OllamaChatChunk(
    string Model,
    OllamaMessage? Message,
    bool Done,
    [property: JsonPropertyName("done_reason")] string? DoneReason,
    [property: JsonPropertyName("prompt_eval_count")] int? PromptEvalCount,
    [property: JsonPropertyName("eval_count")] int? EvalCount);

/// <summary>Tutorial 3: an API that answers 200 with an in-band error; errors are classified from a wire record.</summary>
[Provider("internalml.api.v1", BaseUrl = "https://ml.internal.example.com")]
[ModelInfo("ml-large", "chat-completion")]
public partial class InternalMlProvider : BaseProvider
{
    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string Endpoint() => "/v2/generate";

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private static MlRequest Build(ChatCompletionRequest r) => new(r.Model, r.Messages[^1].Text);

    [HookOverride(ProviderHook.ParseResponse)]
    private static ChatCompletion Parse(MlResponse r) => r.Error is { } error
        ? throw new InvalidOperationException($"The ML API reported '{error.Code}': {error.Message}")
        : ChatCompletion.FromText(r.RequestId!, r.ModelName!, r.Output!, new Usage(r.Tokens!.Input, r.Tokens.Output));

    [HookOverride(ProviderHook.ClassifyError)]
    private static ErrorClassification? Classify(MlResponse body) => body.Error?.Code switch
    {
        "rate_limited" => new ErrorClassification(ProviderErrorCategory.RateLimit, true) { RetryAfter = TimeSpan.FromSeconds(10), Code = "rate_limited", Message = body.Error.Message },
        "model_loading" => new ErrorClassification(ProviderErrorCategory.Server, true) { RetryAfter = TimeSpan.FromSeconds(30), Code = "model_loading", Message = body.Error.Message },
        { } code => new ErrorClassification(ProviderErrorCategory.Client, false) { Code = code, Message = body.Error.Message },
        null => null,
    };
}

public sealed record MlRequest([property: JsonPropertyName("model_name")] string ModelName, string Input);

public sealed record MlResponse(
    [property: JsonPropertyName("request_id")] string? RequestId,
    [property: JsonPropertyName("model_name")] string? ModelName,
    string? Output,
    MlTokens? Tokens,
    MlError? Error);

public sealed record MlTokens(int Input, int Output);

public sealed record MlError(string Code, string? Message);
