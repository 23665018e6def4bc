using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

/// <summary>
/// A connector with its own <c>config:</c> key (<see cref="ProviderAttribute.SettingKeys"/>) and wire records with a
/// <c>[JsonExtensionData]</c> member: the request's unknown fields go out as properties of <c>options</c>, and the
/// response's unknown properties come back in the dictionary.
/// </summary>
[Provider("passthrough.api.v1", BaseUrl = "https://passthrough.example.com", SettingKeys = ["keep_alive", "region"])]
[ModelInfo("pt-1", "chat-completion")]
public partial class PassThroughProvider : BaseProvider
{
    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string Endpoint() => "/generate";

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private PassThroughRequest Build(ChatCompletionRequest r) => new()
    {
        Model = r.Model,
        Prompt = r.Messages[^1].Text,
        KeepAlive = Options.Settings?.GetString("keep_alive"),
        Options = new PassThroughOptions { Temperature = r.Temperature, Extra = r.AdditionalProperties },
    };

    [HookOverride(ProviderHook.ParseResponse)]
    private static ChatCompletion Parse(PassThroughResponse r) =>
        ChatCompletion.FromText("pt", "pt-1", r.Text + "|" + string.Join(",", (r.Rest ?? []).Select(p => p.Key + "=" + p.Value.GetRawText())));
}

public sealed class PassThroughRequest
{
    public required string Model { get; init; }
    public string? Prompt { get; init; }
    [JsonPropertyName("keep_alive")]
    public string? KeepAlive { get; init; }
    public PassThroughOptions? Options { get; init; }
}

public sealed class PassThroughOptions
{
    public double? Temperature { get; init; }
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record PassThroughResponse(string Text)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; init; }
}
