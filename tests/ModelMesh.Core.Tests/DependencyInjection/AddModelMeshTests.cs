using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;

namespace ModelMesh.Core.Tests.DependencyInjection;

/// <summary><c>services.AddModelMesh(…)</c>: one mesh per container, checked when the host starts, disposed with it.</summary>
public sealed class AddModelMeshTests
{
    private static IConfiguration Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("ModelMesh");

    private static Dictionary<string, string?> Simulated(string pool = "chat") => new()
    {
        ["ModelMesh:Providers:sim:Connector"] = "modelmesh.simulated.v1",
        ["ModelMesh:Providers:sim:Config:Pace"] = "0ms",
        [$"ModelMesh:Pools:{pool}:Capability"] = "chat-completion",
    };

    [Fact]
    public async Task A_configuration_section_gives_one_MeshClient_that_answers()
    {
        var services = new ServiceCollection().AddModelMesh(Section(Simulated()));
        await using var provider = services.BuildServiceProvider();

        var mesh = provider.GetRequiredService<MeshClient>();
        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask("What is an API?"));

        Assert.Same(mesh, provider.GetRequiredService<MeshClient>());
        Assert.Equal(["chat"], mesh.Pools);
        Assert.StartsWith("Simulated answer to \"What is an API?\"", reply.Choices[0].Message.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_configuration_stops_the_host_at_start_with_every_located_problem()
    {
        var values = Simulated();
        values["ModelMesh:Pools:chat:FailureThreshold"] = "many";
        values["ModelMesh:Providers:sim:Timeout"] = "30s";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddModelMesh(Section(values));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'Providers.sim.Timeout': Unknown key 'Timeout'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pools.chat.FailureThreshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_right_configuration_starts_the_host_and_the_mesh_is_built_by_then()
    {
        var built = 0;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddModelMesh(Section(Simulated()), _ =>
        {
            built++;
            return new MeshConfigOptions { ReloadOnChange = false };
        });
        using var host = builder.Build();

        await host.StartAsync();
        Assert.Equal(1, built);
        _ = host.Services.GetRequiredService<MeshClient>();
        Assert.Equal(1, built);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_mesh_built_in_code_is_disposed_with_the_container()
    {
        var handler = new ModelMesh.Testing.MockHttpHandler();
        BaseProvider? provider = null;
        var services = new ServiceCollection().AddModelMesh(mesh =>
        {
            provider = new OpenAICompatibleProvider(new ProviderOptions("a", "http://127.0.0.1:9"), new HttpClient(handler));
            mesh.AddProvider(provider)
                .AddModels([MeshFixture.Model("a")])
                .AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion" });
        });
        var container = services.BuildServiceProvider();
        var client = container.GetRequiredService<MeshClient>();
        Assert.Equal(["chat"], client.Pools);

        await container.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => client.PoolStatus());
    }

    [Fact]
    public async Task Each_provider_sends_through_its_named_client_from_IHttpClientFactory()
    {
        await using var upstream = await ModelMesh.Testing.LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(MeshFixture.CompletionJson("hello"));
        var values = new Dictionary<string, string?>
        {
            ["ModelMesh:Providers:local:Connector"] = "openai-compatible",
            ["ModelMesh:Providers:local:BaseUrl"] = upstream.BaseUrl.ToString(),
            ["ModelMesh:Models:local.m:Provider"] = "local",
            ["ModelMesh:Models:local.m:Capabilities:0"] = "chat-completion",
            ["ModelMesh:Pools:chat:Models:0"] = "local.m",
        };
        var services = new ServiceCollection();
        services.AddModelMesh(Section(values));
        services.AddHttpClient(ModelMeshServiceCollectionExtensions.HttpClientName("local"))
            .AddHttpMessageHandler(() => new TagHandler());
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<MeshClient>().Chat.Completions.CreateAsync(MeshFixture.Ask());

        var request = Assert.Single(upstream.Requests);
        Assert.Equal("platform", request.Headers["X-Team"]);
    }

    [Fact]
    public async Task The_mesh_is_an_IChatClient_for_the_chat_completion_pool_and_any_pool_by_key()
    {
        var values = Simulated("chat-completion");
        values["ModelMesh:Pools:fast:Capability"] = "chat-completion";
        values["ModelMesh:Pools:fast:Strategy"] = "round-robin";
        var services = new ServiceCollection().AddModelMesh(Section(values));
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredService<Microsoft.Extensions.AI.IChatClient>();
        var reply = await chat.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "What is an API?")]);
        var fast = provider.GetRequiredKeyedService<Microsoft.Extensions.AI.IChatClient>("fast");
        var fastReply = await fast.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "Hi")]);

        Assert.StartsWith("Simulated answer to \"What is an API?\"", reply.Text, StringComparison.Ordinal);
        Assert.Equal("sim.chat", reply.ModelId);
        Assert.Equal("sim.chat", fastReply.ModelId);
        Assert.Same(provider.GetRequiredService<MeshClient>(), chat.GetService(typeof(MeshClient)));
        var embeddings = provider.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>();
        Assert.NotNull(embeddings); // resolvable; the simulated section here has no embeddings pool to call
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_mesh_measures_through_the_hosts_meter_factory(bool fromConfiguration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (fromConfiguration)
        {
            builder.Services.AddModelMesh(Section(Simulated("chat-completion")));
        }
        else
        {
            builder.Services.AddModelMesh(mesh => mesh
                .AddChatClient("a", new ChatClients.ScriptedChatClient().Enqueue(ChatClients.ScriptedChatClient.Answer("hi")), "m")
                .AddPool(new PoolDefinition { Id = "chat-completion", Capability = "chat-completion" }));
        }
        using var host = builder.Build();
        var meters = host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var durations = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<double>(
            meters, ModelMesh.Telemetry.MeshTelemetry.MeterName, ModelMesh.Telemetry.MeshTelemetry.Instruments.OperationDuration);
        await host.StartAsync();

        await host.Services.GetRequiredService<MeshClient>().Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chat-completion"));

        var measurement = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("chat", measurement.Tags["gen_ai.operation.name"]);
        await host.StopAsync();
    }

    /// <summary>A handler a user adds to a provider's named client.</summary>
    private sealed class TagHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Team", "platform");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
