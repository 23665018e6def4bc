namespace ModelMesh.Cdk;

/// <summary>
/// Marks a <c>partial</c> class derived from <see cref="BaseProvider"/> as a provider connector. The CDK source
/// generator (ModelMesh.Generators, referenced as an analyzer) then emits, in the other half of the class: the
/// overrides of the hooks its <see cref="HookOverrideAttribute"/> methods supply (with the JSON reading and
/// writing of their wire records), <c>ConnectorId</c>, the model <c>Catalogue</c> from its
/// <see cref="ModelInfoAttribute"/>s, a constructor <c>(ProviderOptions, HttpClient?)</c> when the class has
/// none, and a module initializer that registers the connector in <see cref="ConnectorRegistry"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ProviderAttribute : Attribute
{
    /// <summary>Declares a provider connector.</summary>
    /// <param name="id">The connector id, lower-case and dotted (<c>vendor.service.v1</c>); its first segment is the vendor.</param>
    public ProviderAttribute(string id)
    {
        Id = id;
    }

    /// <summary>The connector id (<c>vendor.service.v1</c>).</summary>
    public string Id { get; }

    /// <summary>The upstream's base URL when configuration gives none.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The environment variable that conventionally holds the API key; when set, the connector requires a key.</summary>
    public string? ApiKeyEnv { get; set; }

    /// <summary>How streamed responses are framed. Default: server-sent events.</summary>
    public StreamFormat StreamFormat { get; set; } = StreamFormat.ServerSentEvents;

    /// <summary>
    /// A named SSE event that ends the stream (Anthropic's <c>message_stop</c>), in addition to <c>data: [DONE]</c>.
    /// </summary>
    public string? EndEvent { get; set; }

    /// <summary>
    /// The connector's own keys under a provider's <c>config:</c> in a configuration file, accepted there besides the
    /// common ones (<c>api_key</c>, <c>base_url</c>, <c>timeout</c>, …); the registration carries them as
    /// <see cref="ProviderConnector.SettingKeys"/>, and hooks read them from <c>Options.Settings</c>.
    /// </summary>
    public string[]? SettingKeys { get; set; }

    /// <summary>
    /// Wire records no hook names that the connector's own C# sends and reads (the steps of a call made of several
    /// requests, in an override of <c>TranscribeCoreAsync</c>, say): the generated <c>WireJson</c> gets a
    /// <c>Write</c> and a <c>Read…</c> for each, for use with <see cref="BaseProvider.JsonContent"/> and
    /// <see cref="BaseProvider.SendAndReadAsync{T}"/>. A type that is not a wire record is MM2004.
    /// </summary>
    public Type[]? WireRecords { get; set; }

    /// <summary>How the wire records' property names are spelled in JSON when they have no <c>[JsonPropertyName]</c>. Default: camelCase.</summary>
    public WireNaming WireNaming { get; set; } = WireNaming.CamelCase;
}

/// <summary>How the generator spells the JSON name of a wire record property that has no <c>[JsonPropertyName]</c>.</summary>
public enum WireNaming
{
    /// <summary>camelCase, as <c>JsonNamingPolicy.CamelCase</c> spells it (<c>MaxTokens</c> → <c>maxTokens</c>).</summary>
    CamelCase,
    /// <summary>The property name as declared.</summary>
    AsDeclared,
}
