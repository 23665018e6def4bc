using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelMesh;

// The convention for registration extensions: found with `using Microsoft.Extensions.DependencyInjection;` alone.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers a mesh with dependency injection: <see cref="MeshClient"/> as a singleton, built once, checked when the
/// host starts (a wrong configuration stops the start-up with every located problem, as <c>Mesh.FromConfig</c> lists
/// them), disposed with the container; and the mesh as <c>IChatClient</c> and <c>IEmbeddingGenerator</c> — the
/// <c>chat-completion</c> / <c>text-embeddings</c> pools unkeyed, any pool by key (<c>[FromKeyedServices("pool")]</c>).
/// </summary>
public static class ModelMeshServiceCollectionExtensions
{
    /// <summary>
    /// Registers the mesh a configuration section describes (the shape of the YAML schema: <c>providers</c>,
    /// <c>models</c>, <c>pools</c>, …; PascalCase keys accepted). A reload of the configuration source rebuilds the
    /// mesh; requests in flight finish on the set-up they started with.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, for example <c>builder.Configuration.GetSection("ModelMesh")</c>.</param>
    /// <param name="options">
    /// Builds the load options from the container (secret store, middleware, clock, logger factory, reload callback);
    /// null for the defaults with the container's <c>ILoggerFactory</c> and <c>IMeterFactory</c>, if it has them, each provider's HTTP client
    /// from <c>IHttpClientFactory</c> (<see cref="HttpClients"/>; name <c>modelmesh.&lt;provider-id&gt;</c>) and the
    /// keyed <c>IChatClient</c> registrations for <c>meai.chat-client.v1</c> providers (<see cref="ChatClients"/>).
    /// </param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddModelMesh(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, MeshConfigOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddHttpClient();
        services.TryAddSingleton(new KeyedChatClientLookup(services));
        services.TryAddSingleton(provider => Mesh.FromConfiguration(configuration, options?.Invoke(provider) ?? new MeshConfigOptions
        {
            LoggerFactory = provider.GetService<Microsoft.Extensions.Logging.ILoggerFactory>(),
            MeterFactory = provider.GetService<System.Diagnostics.Metrics.IMeterFactory>(),
            HttpClientFactory = HttpClients(provider),
            ChatClients = ChatClients(provider),
        }));
        return AddStartupCheck(services);
    }

    /// <summary>Registers a mesh built in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="build">Adds providers, models and pools to the builder; it runs once, when the mesh is first needed or the host starts.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddModelMesh(this IServiceCollection services, Action<MeshBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(build);
        return services.AddModelMesh((_, builder) => build(builder));
    }

    /// <summary>Registers a mesh built in code, with the container at hand (for its <see cref="TimeProvider"/>, clients, options).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="build">Adds providers, models and pools to the builder; it runs once.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddModelMesh(this IServiceCollection services, Action<IServiceProvider, MeshBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(build);
        services.TryAddSingleton(provider =>
        {
            var builder = new MeshBuilder();
            if (provider.GetService<TimeProvider>() is { } clock)
            {
                builder.UseTimeProvider(clock);
            }
            if (provider.GetService<Microsoft.Extensions.Logging.ILoggerFactory>() is { } loggers)
            {
                builder.UseLoggerFactory(loggers);
            }
            if (provider.GetService<System.Diagnostics.Metrics.IMeterFactory>() is { } meters)
            {
                builder.UseMeterFactory(meters);
            }
            build(provider, builder);
            return builder.Build();
        });
        return AddStartupCheck(services);
    }

    /// <summary>
    /// Each provider's client from <c>IHttpClientFactory</c>, named <c>modelmesh.&lt;provider-id&gt;</c>, so handlers are
    /// added the usual way (<c>services.AddHttpClient("modelmesh.openai").AddHttpMessageHandler(…)</c>). Its timeout is
    /// lifted: the provider's own request, connect and idle timeouts bound every call, and a stream must not be cut at
    /// the factory's default 100 s.
    /// </summary>
    public static Func<string, HttpClient> HttpClients(IServiceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        return id =>
        {
            var client = factory.CreateClient(HttpClientName(id));
            client.Timeout = Timeout.InfiniteTimeSpan;
            return client;
        };
    }

    /// <summary>
    /// The application's keyed <c>IChatClient</c> registrations, by key, for providers of connector
    /// <c>meai.chat-client.v1</c> (<see cref="MeshConfigOptions.ChatClients"/>): only keys registered explicitly
    /// (<c>services.AddKeyedChatClient("ollama", …)</c>), never the mesh's own keyed clients. For an options factory
    /// given to <see cref="AddModelMesh(IServiceCollection, IConfiguration, Func{IServiceProvider, MeshConfigOptions}?)"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The mesh was not registered with <c>AddModelMesh(configuration)</c>.</exception>
    public static Func<string, Microsoft.Extensions.AI.IChatClient?> ChatClients(IServiceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var lookup = provider.GetService<KeyedChatClientLookup>()
            ?? throw new InvalidOperationException("ChatClients(provider) reads the registrations AddModelMesh(configuration) records; call it for a container built after AddModelMesh(configuration).");
        return lookup.For(provider);
    }

    /// <summary>The model the unkeyed <c>IChatClient</c> asks for when a call names none: the chat-completion pool.</summary>
    public const string DefaultChatModel = "chat-completion";

    /// <summary>The model the unkeyed <c>IEmbeddingGenerator</c> asks for when a call names none: the text-embeddings pool.</summary>
    public const string DefaultEmbeddingModel = "text-embeddings";

    private static string KeyOf(object? key) =>
        key as string ?? throw new InvalidOperationException($"A keyed ModelMesh client is keyed by a pool, capability or model id (a string); got {key?.GetType().Name ?? "null"}.");

    /// <summary>The <c>IHttpClientFactory</c> name of a provider's client: <c>modelmesh.&lt;provider-id&gt;</c>.</summary>
    public static string HttpClientName(string providerId) => "modelmesh." + providerId;

    /// <summary>Builds the mesh when the host starts (its options validation), so a bad configuration fails the start-up, not the first request.</summary>
    private static IServiceCollection AddStartupCheck(IServiceCollection services)
    {
        // The mesh as the Microsoft.Extensions.AI abstractions: the chat-completion and text-embeddings pools by
        // default, any pool (or capability, model) by key: [FromKeyedServices("fast-chat")] IChatClient.
        services.TryAddSingleton<Microsoft.Extensions.AI.IChatClient>(provider => provider.GetRequiredService<MeshClient>().AsIChatClient(DefaultChatModel));
        services.TryAddSingleton<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>(
            provider => provider.GetRequiredService<MeshClient>().AsIEmbeddingGenerator(DefaultEmbeddingModel));
        services.TryAddKeyedSingleton<Microsoft.Extensions.AI.IChatClient>(KeyedService.AnyKey,
            (provider, key) => provider.GetRequiredService<MeshClient>().AsIChatClient(KeyOf(key)));
        services.TryAddKeyedSingleton<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>(KeyedService.AnyKey,
            (provider, key) => provider.GetRequiredService<MeshClient>().AsIEmbeddingGenerator(KeyOf(key)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MeshStartup>, MeshStartupValidation>());
        services.AddOptions<MeshStartup>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, MeshHostedService>());
        return services;
    }
}
