using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

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
