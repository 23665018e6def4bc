using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

// DESIGN §4.1's example, as written there.
[Provider("acme.predict.v1", BaseUrl = "https://ml.internal.acme.com", ApiKeyEnv = "ACME_API_KEY")]
[ModelInfo("acme-large", "generation.text-generation.chat-completion", ContextWindow = 32_000,
           MaxOutputTokens = 4_096, InputPricePer1K = 0.0010, OutputPricePer1K = 0.0020, Features = ModelFeatures.Tools)]
public partial class AcmeProvider : BaseProvider
{
    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string Endpoint() => "/api/predict";

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private static AcmeRequest Build(ChatCompletionRequest r) =>
        new(r.Model, r.Messages[^1].Text, new AcmeParams(r.MaxTokens ?? 1024));

    [HookOverride(ProviderHook.ParseResponse)]
    private static ChatCompletion Parse(AcmeResponse d) =>
        ChatCompletion.FromText(d.Id, d.ModelName, d.Result, new Usage(d.Usage.In, d.Usage.Out));
}

public sealed record AcmeRequest([property: JsonPropertyName("model_name")] string ModelName, string Prompt, AcmeParams Params);

public sealed record AcmeParams([property: JsonPropertyName("max_length")] int MaxTokens);

public sealed record AcmeResponse(string Id, [property: JsonPropertyName("model_name")] string ModelName, string Result, AcmeUsage Usage);

public sealed record AcmeUsage(int In, int Out);
