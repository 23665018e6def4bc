using Meai = Microsoft.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Finds the chat clients the application registered by key, for <c>meai.chat-client.v1</c> providers. It looks at
/// the registrations themselves, not only at what resolves: the mesh registers itself as a keyed <c>IChatClient</c>
/// for any key (a pool by name), and resolving a key nobody registered would hand the mesh its own client — a mesh
/// built from itself.
/// </summary>
internal sealed class KeyedChatClientLookup(IServiceCollection services)
{
    public Func<string, Meai.IChatClient?> For(IServiceProvider provider) =>
        key => IsRegistered(key) ? provider.GetRequiredKeyedService<Meai.IChatClient>(key) : null;

    private bool IsRegistered(string key)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.IsKeyedService && descriptor.ServiceType == typeof(Meai.IChatClient) && descriptor.ServiceKey is string registered
                && string.Equals(registered, key, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
