using System.Text.Json;

namespace ModelMesh.Cdk;

/// <summary>
/// <c>modelmesh.json-secrets.v1</c>: secrets from a JSON file (<c>file_path</c>), optionally scoped to a nested
/// object by a dotted <c>json_path</c> (<c>production.keys</c>). A name is first looked up as a property of the
/// scope; a dotted name (<c>openai.key</c>) then walks nested objects. Strings are returned as-is, numbers and
/// booleans as written; objects, arrays and null are not secrets. The file is read on each uncached lookup and a
/// missing file holds no secrets.
/// </summary>
public sealed class JsonSecretStore : BaseSecretStore
{
    /// <summary>The connector id.</summary>
    public const string Id = "modelmesh.json-secrets.v1";

    /// <summary>Creates the store.</summary>
    /// <param name="filePath">The JSON file.</param>
    /// <param name="jsonPath">A dotted path to the object holding the secrets; null or empty for the root.</param>
    /// <param name="options">Caching and missing-secret behaviour.</param>
    public JsonSecretStore(string filePath, string? jsonPath = null, SecretStoreOptions? options = null)
        : base(options)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        FilePath = filePath;
        JsonPath = jsonPath ?? string.Empty;
    }

    /// <summary>The JSON file.</summary>
    public string FilePath { get; }

    /// <summary>The dotted path to the object holding the secrets; empty for the root.</summary>
    public string JsonPath { get; }

    /// <inheritdoc/>
    public override string ConnectorId => Id;

    /// <inheritdoc/>
    /// <exception cref="ConfigurationException">The file is not valid JSON (the message gives the line, not the content).</exception>
    protected override ValueTask<string?> ResolveCoreAsync(string name, CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return ValueTask.FromResult<string?>(null);
        }
        using var document = Parse(File.ReadAllBytes(FilePath));
        var scope = document.RootElement;
        if (JsonPath.Length > 0 && !TryWalk(scope, JsonPath, out scope))
        {
            return ValueTask.FromResult<string?>(null);
        }
        if (!(scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out var found)) && !TryWalk(scope, name, out found))
        {
            return ValueTask.FromResult<string?>(null);
        }
        return ValueTask.FromResult(found.ValueKind switch
        {
            JsonValueKind.String => found.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => found.GetRawText(),
            _ => null,
        });
    }

    /// <inheritdoc/>
    protected override string? DescribeLookup(string name) =>
        !File.Exists(FilePath) ? $"JSON file '{FilePath}' does not exist"
        : JsonPath.Length == 0 ? $"JSON file '{FilePath}'" : $"JSON file '{FilePath}' under '{JsonPath}'";

    private JsonDocument Parse(byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            // JsonException messages can quote the text near the error, which may be a secret: report the place only.
            throw new ConfigurationException(
                $"The secrets file is not valid JSON (at byte {ex.BytePositionInLine + 1} of the line).",
                FilePath, (int?)(ex.LineNumber + 1));
        }
    }

    private static bool TryWalk(JsonElement from, string dottedPath, out JsonElement found)
    {
        found = from;
        foreach (var segment in dottedPath.Split('.'))
        {
            if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(segment, out found))
            {
                return false;
            }
        }
        return true;
    }
}
