using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

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
