using System.Net.Http.Headers;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.OpenRouter;

/// <summary>
/// OpenRouter (<c>openrouter.gateway.v1</c>): OpenAI's format at https://openrouter.ai/api, the key from
/// <c>OPENROUTER_API_KEY</c>, with OpenRouter's attribution headers (<c>HTTP-Referer</c>, <c>X-Title</c>) unless the
/// configuration sets its own. Its keep-alive comments and mid-stream error events are read by the stream reader.
/// </summary>
[Provider("openrouter.gateway.v1", BaseUrl = "https://openrouter.ai/api", ApiKeyEnv = "OPENROUTER_API_KEY")]
[ModelInfo("auto", "chat-completion", UpstreamName = "openrouter/auto")]
public partial class OpenRouterProvider : OpenAICompatibleProvider
{
    /// <summary>The attribution OpenRouter shows for requests that do not name an app of their own.</summary>
    public const string Referer = "https://github.com/modelmesh", Title = "ModelMesh";

    [HookOverride(ProviderHook.BuildHeaders)]
    private static void Attribution(HttpRequestHeaders headers)
    {
        // After the configured headers: a configured HTTP-Referer or X-Title wins.
        if (!headers.Contains("HTTP-Referer"))
        {
            headers.TryAddWithoutValidation("HTTP-Referer", Referer);
        }
        if (!headers.Contains("X-Title"))
        {
            headers.TryAddWithoutValidation("X-Title", Title);
        }
    }
}
