using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.AotSmoke;

/// <summary>A custom-format connector: wire records and mapping hooks only; the generator writes the JSON code.</summary>
[Provider("aot.acme.v1", BaseUrl = "https://ml.internal.acme.com", ApiKeyEnv = "ACME_API_KEY")]
[ModelInfo("acme-large", "chat-completion", ContextWindow = 32_000, MaxOutputTokens = 4_096, InputPricePer1K = 0.001, OutputPricePer1K = 0.002,
    Features = ModelFeatures.Streaming)]
public partial class AotAcmeProvider : BaseProvider
{
    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string Endpoint() => "/api/predict";

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private static AcmeRequest Build(ChatCompletionRequest r) =>
        new(r.Model, r.Messages[^1].Text, new AcmeParams(r.MaxTokens ?? 1024), r.Stream == true);

    [HookOverride(ProviderHook.ParseResponse)]
    private static ChatCompletion Parse(AcmeResponse d) =>
        ChatCompletion.FromText(d.Id, d.ModelName, d.Result, new Usage(d.Usage.In, d.Usage.Out));

    [HookOverride(ProviderHook.ParseStreamChunk)]
    private static ChatCompletionChunk? Chunk(AcmeStreamEvent e) =>
        ChatCompletionChunk.FromText(e.Id, e.ModelName, e.Delta, e.Final ? FinishReason.Stop : null, e.Usage is { } u ? new Usage(u.In, u.Out) : null);
}

public sealed record AcmeRequest([property: JsonPropertyName("model_name")] string ModelName, string Prompt, AcmeParams Params, bool Stream);

public sealed record AcmeParams([property: JsonPropertyName("max_length")] int MaxTokens);

public sealed record AcmeResponse(string Id, [property: JsonPropertyName("model_name")] string ModelName, string Result, AcmeUsage Usage);

public sealed record AcmeStreamEvent(string Id, [property: JsonPropertyName("model_name")] string ModelName, string? Delta, bool Final = false, AcmeUsage? Usage = null);

public sealed record AcmeUsage(int In, int Out);
