using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelMesh.Core.Tests.ChatClients;
using static ModelMesh.Core.Tests.ChatClients.ScriptedChatClient;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.Core.Tests.DependencyInjection;

/// <summary>Connector <c>meai.chat-client.v1</c>: a configuration names chat clients the application registered in DI by key.</summary>
public sealed class KeyedChatClientProviderTests
{
    private static IConfiguration Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("ModelMesh");

    private static Dictionary<string, string?> TwoClients() => new()
    {
        ["ModelMesh:Providers:primary:Connector"] = "meai.chat-client.v1",
        ["ModelMesh:Providers:backup:Connector"] = "meai.chat-client.v1",
        ["ModelMesh:Providers:backup:Config:ServiceKey"] = "ollama-client",
        ["ModelMesh:Models:primary.big:Provider"] = "primary",
        ["ModelMesh:Models:primary.big:Model"] = "big-model",
        ["ModelMesh:Models:primary.big:Capabilities:0"] = "chat-completion",
        ["ModelMesh:Models:backup.small:Provider"] = "backup",
        ["ModelMesh:Models:backup.small:Capabilities:0"] = "chat-completion",
        ["ModelMesh:Pools:chat-completion:Models:0"] = "primary.big",
        ["ModelMesh:Pools:chat-completion:Models:1"] = "backup.small",
        ["ModelMesh:Pools:chat-completion:Strategy"] = "priority-selection",
        ["ModelMesh:Pools:chat-completion:ModelPriority:0"] = "primary.big",
        ["ModelMesh:Pools:chat-completion:ModelPriority:1"] = "backup.small",
        ["ModelMesh:Pools:chat-completion:Retry:MaxAttempts"] = "1",
    };

    [Fact]
    public async Task Keyed_clients_named_by_the_configuration_serve_the_pool_and_fail_over_between_them()
    {
        var primary = new ScriptedChatClient().Enqueue(Fail(new HttpRequestException("busy", null, HttpStatusCode.ServiceUnavailable)));
        var backup = new ScriptedChatClient().Enqueue(Answer("Hello", " there"));
        var services = new ServiceCollection();
        services.AddKeyedSingleton<Meai.IChatClient>("primary", primary);
        services.AddKeyedSingleton<Meai.IChatClient>("ollama-client", backup);
        services.AddModelMesh(Section(TwoClients()));
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredService<Meai.IChatClient>();
        var reply = await chat.GetResponseAsync([new Meai.ChatMessage(Meai.ChatRole.User, "Hi")]);

        Assert.Equal("Hello there", reply.Text);
        Assert.Equal("backup.small", reply.ModelId);
        Assert.Equal("big-model", Assert.Single(primary.Calls).Options?.ModelId); // the upstream name, as configured
        Assert.Equal("small", Assert.Single(backup.Calls).Options?.ModelId);      // the id without its provider prefix
        var models = await provider.GetRequiredService<MeshClient>().Providers.Single(p => p.Id == "backup").ListModelsAsync();
        Assert.Equal(["small"], models.Data.Select(m => m.Id));
    }

    [Fact]
    public async Task A_key_nobody_registered_stops_the_host_with_a_located_error_and_not_the_mesh_resolving_itself()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddKeyedSingleton<Meai.IChatClient>("primary", new ScriptedChatClient());
        builder.Services.AddModelMesh(Section(TwoClients()));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'Providers.backup.Config.ServiceKey'", error.Message, StringComparison.Ordinal);
        Assert.Contains("names the chat client with key 'ollama-client', and none is registered under it", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("primary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_lookup_the_connector_says_how_to_give_one()
    {
        var error = Assert.Throws<ConfigurationException>(() => Mesh.FromConfiguration(Section(TwoClients()), new MeshConfigOptions { ReloadOnChange = false }));

        Assert.Contains("needs the application's chat clients", error.Message, StringComparison.Ordinal);
        Assert.Contains("Providers.primary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_DI_a_lookup_of_your_own_serves()
    {
        var clients = new Dictionary<string, Meai.IChatClient>
        {
            ["primary"] = new ScriptedChatClient().Enqueue(Answer("from primary")),
            ["ollama-client"] = new ScriptedChatClient(),
        };
        using var mesh = Mesh.FromConfiguration(Section(TwoClients()), new MeshConfigOptions { ReloadOnChange = false, ChatClients = key => clients.GetValueOrDefault(key) });

        var reply = await mesh.Chat.Completions.CreateAsync(Routing.MeshFixture.Ask(model: "chat-completion"));

        Assert.Equal("from primary", reply.Choices[0].Message.Content);
    }
}
