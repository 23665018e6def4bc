using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

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
