using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

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
