using ModelMesh.Cdk;

namespace ModelMesh.Providers.AzureOpenAI;

/// <summary>Azure accepts a key (<c>api-key</c>) or a Microsoft Entra ID token (<c>Authorization: Bearer</c>).</summary>
internal static class AzureCredentials
{
    /// <summary>Whether the configured headers set <paramref name="name"/> (header names are case-insensitive).</summary>
    public static bool Configured(ProviderOptions options, string name) =>
        options.Headers?.Keys.Any(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) == true;

    /// <exception cref="ConfigurationException">Neither a key nor a credential header is configured.</exception>
    public static void EnsurePresent(ProviderOptions options, string connectorId)
    {
        if (!string.IsNullOrEmpty(options.ApiKey) || Configured(options, "api-key") || Configured(options, "Authorization"))
        {
            return;
        }
        var message = $"Provider '{options.Id}' (connector '{connectorId}') needs 'api_key' under 'config' (for example \"${{secrets:AZURE_OPENAI_API_KEY}}\"), "
            + "or an 'Authorization' entry under 'config.headers' with a Microsoft Entra ID token.";
        throw options.Location is { } location ? new ConfigurationException(message, location) : new ConfigurationException(message);
    }
}
