using ModelMesh.Cdk;

namespace ModelMesh.Providers.AzureOpenAI;

/// <summary>Reads <c>config: api_version</c>.</summary>
internal static class AzureApiVersion
{
    /// <summary>The configured version, or null when none is written.</summary>
    /// <exception cref="ConfigurationException">The value is not a version such as <c>2024-10-21</c> or <c>2025-04-01-preview</c>.</exception>
    public static string? FromSettings(ConnectorSettings? settings, string key)
    {
        var value = settings?.GetString(key)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        // Versions are dates with an optional suffix ("2024-10-21", "2025-04-01-preview") or words ("preview", "latest").
        if (value.Length > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            throw settings!.Error(key, "is not an Azure OpenAI API version (letters, digits, '-' and '.', such as 2024-10-21 or 2025-04-01-preview).");
        }
        return value;
    }
}
