using ModelMesh.Cdk;

namespace ModelMesh.ChatClients;

/// <summary>
/// The <c>meai.chat-client.v1</c> connector: a provider of a configuration file or section that is a
/// Microsoft.Extensions.AI chat client the application registered (in DI, by key), so a config names OllamaSharp, an
/// <c>OpenAIClient(...).AsIChatClient()</c> or any other <c>IChatClient</c> as it names a native connector. The client
/// is looked up under <c>config: service_key</c>, by default the provider id; its models are the configuration's
/// models of that provider (there is no catalogue: the client's models are whatever it serves).
/// </summary>
internal static class ChatClientConnector
{
    /// <summary>The connector id.</summary>
    public const string Id = "meai.chat-client.v1";

    /// <summary>The <c>config:</c> key naming the client's service key.</summary>
    public const string ServiceKeyKey = "service_key";

    public static ProviderConnector Connector { get; } = new()
    {
        Id = Id,
        Vendor = "meai",
        // Not an address: the client knows where it sends. `.invalid` never resolves, should anything try.
        DefaultBaseUrl = new Uri("http://chat-client.invalid/"),
        RequiresApiKey = false,
        SettingKeys = [ServiceKeyKey],
        Create = (options, _) => new ChatClientProvider(options, Resolve(options), options.ConfiguredModels),
    };

    /// <exception cref="ConfigurationException">No lookup was given, or nothing is registered under the key; located at the key.</exception>
    private static Microsoft.Extensions.AI.IChatClient Resolve(ProviderOptions options)
    {
        var keyNode = options.Settings?.Node.Get(ServiceKeyKey);
        var key = keyNode?.GetString() ?? options.Id;
        var location = keyNode?.Location ?? options.Location;
        if (options.ChatClients is null)
        {
            throw Located($"Provider '{options.Id}' (connector '{Id}') needs the application's chat clients: register the mesh with services.AddModelMesh(configuration), which finds keyed IChatClient services, or set MeshConfigOptions.ChatClients.", location);
        }
        // The key is configuration text, not a secret, so it may be quoted.
        return options.ChatClients(key)
            ?? throw Located($"Provider '{options.Id}' (connector '{Id}') names the chat client with key '{key}', and none is registered under it: register it with services.AddKeyedChatClient(\"{key}\", …) (or AddKeyedSingleton<IChatClient>), or set '{ServiceKeyKey}' under 'config' to the key you used.", location);
    }

    private static ConfigurationException Located(string message, ConfigLocation? location) =>
        location is null ? new ConfigurationException(message) : new ConfigurationException(message, location);
}
