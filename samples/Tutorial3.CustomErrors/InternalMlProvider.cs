using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Samples.CustomErrors;

/// <summary>
/// A provider for an internal ML API that answers HTTP 200 for everything and signals errors with an "error" key
/// in the body. Two hooks differ from the defaults' behaviour: the response is parsed from <see cref="MlResponse"/>
/// (throwing on an in-band error), and errors are classified from the same record. There is no JSON code here:
/// the generator reads and writes the records.
/// </summary>
[Provider("internalml.api.v1", BaseUrl = "https://ml.internal.example.com")]
[ModelInfo("ml-large", "chat-completion", ContextWindow = 16_000)]
internal sealed partial class InternalMlProvider : BaseProvider
{
    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string Endpoint() => "/v2/generate";

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private static MlRequest Build(ChatCompletionRequest request) => new(request.Model, request.Messages[^1].Text);

    /// <summary>Check for in-band errors before parsing the response.</summary>
    [HookOverride(ProviderHook.ParseResponse)]
    private static ChatCompletion Parse(MlResponse response) => response.Error is { } error
        ? throw new InternalMlException(error.Code, error.Message ?? string.Empty)
        : ChatCompletion.FromText(response.RequestId!, response.ModelName!, response.Output!, new Usage(response.Tokens!.Input, response.Tokens.Output));

    /// <summary>Classify in-band errors; null falls back to the default classifier (standard HTTP errors).</summary>
    [HookOverride(ProviderHook.ClassifyError)]
    private static ErrorClassification? Classify(MlResponse body) => body.Error?.Code switch
    {
        "rate_limited" => new ErrorClassification(ProviderErrorCategory.RateLimit, IsRetryable: true) { RetryAfter = TimeSpan.FromSeconds(10), Code = "rate_limited", Message = body.Error.Message },
        "model_loading" => new ErrorClassification(ProviderErrorCategory.Server, IsRetryable: true) { RetryAfter = TimeSpan.FromSeconds(30), Code = "model_loading", Message = body.Error.Message },
        { } code => new ErrorClassification(ProviderErrorCategory.Client, IsRetryable: false) { Code = code, Message = body.Error.Message },
        null => null,
    };
}

internal sealed record MlRequest([property: JsonPropertyName("model_name")] string ModelName, string Input);

internal sealed record MlResponse(
    [property: JsonPropertyName("request_id")] string? RequestId,
    [property: JsonPropertyName("model_name")] string? ModelName,
    string? Output,
    MlTokens? Tokens,
    MlError? Error);

internal sealed record MlTokens(int Input, int Output);

internal sealed record MlError(string Code, string? Message);

/// <summary>An error returned inside a 200 response from the internal ML API.</summary>
internal sealed class InternalMlException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;
}
