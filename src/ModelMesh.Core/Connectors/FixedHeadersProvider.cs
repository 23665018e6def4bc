using System.Net.Http.Headers;

namespace ModelMesh.Cdk;

/// <summary>
/// An OpenAI-compatible provider that adds fixed, non-secret headers (OpenRouter's attribution headers).
/// They go through <c>BuildHeaders</c> rather than <see cref="ProviderOptions.Headers"/>, whose values are
/// treated as secrets and would be masked wherever they appear in messages.
/// </summary>
internal sealed class FixedHeadersProvider(ProviderOptions options, HttpClient? httpClient, IReadOnlyDictionary<string, string> fixedHeaders)
    : OpenAICompatibleProvider(options, httpClient)
{
    protected override void BuildHeaders(HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var (name, value) in fixedHeaders)
        {
            headers.TryAddWithoutValidation(name, value);
        }
        base.BuildHeaders(headers); // configured headers win over the fixed ones
    }
}
