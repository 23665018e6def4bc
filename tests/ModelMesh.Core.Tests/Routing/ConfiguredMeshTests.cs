using System.Text;
using Microsoft.Extensions.Configuration;
using ModelMesh.Cdk;
using ModelMesh.Configuration;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Routing;

public sealed class ConfiguredMeshTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modelmesh-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Yaml(MeshFixture fx, string strategy = "modelmesh.priority-selection.v1", string priority = "[openai.gpt-4o, local.llama3]", string extra = "") => $$"""
        secrets: { store: modelmesh.env.v1 }
        providers:
          openai:
            connector: openai.llm.v1
            config: { api_key: "${secrets:OPENAI_API_KEY}", base_url: "{{fx["a"].BaseUrl}}" }
          local:
            connector: openai-compatible
            config: { base_url: "{{fx["b"].BaseUrl}}", timeout: 30s }
        models:
          openai.gpt-4o:
            provider: openai
            capabilities: [generation.text-generation.chat-completion]
            pricing: { input_per_1k: 0.0025, output_per_1k: 0.01 }
          local.llama3:
            provider: local
            capabilities: [chat-completion]
        pools:
          chat-completion:
            capability: generation.text-generation.chat-completion
            strategy: {{strategy}}
            model_priority: {{priority}}
            failure_threshold: 3
            cooldown_seconds: 60
        budget: { daily_limit: 5.0, monthly_limit: 50.0 }
        {{extra}}
        """;

    private static MeshConfigOptions Options(Action<ConfigurationReloadedEventArgs>? reloaded = null, bool reload = false) => new()
    {
        Environment = name => name == "OPENAI_API_KEY" ? "sk-from-env-0123456789" : null,
        ReloadOnChange = reload,
        PollInterval = TimeSpan.FromMilliseconds(100),
        Reloaded = reloaded,
    };

    private string Write(string yaml, string name = "modelmesh.yaml")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task The_design_example_builds_every_provider_model_and_pool_and_routes_by_them()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.CompletionJson("from openai", prompt: 1000, completion: 1000));
        using var mesh = Mesh.FromConfig(Write(Yaml(fx)), Options());

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chat-completion"));

        Assert.Equal("from openai", reply.Choices[0].Message.Content);
        Assert.Equal("Bearer sk-from-env-0123456789", fx["a"].Requests[0].Headers["Authorization"]);
        Assert.Contains("\"model\":\"gpt-4o\"", fx["a"].Requests[0].Body, StringComparison.Ordinal);
        Assert.Equal(RotationStrategies.PrioritySelection, mesh.PoolStatus("chat-completion").Strategy);
        Assert.Equal(["openai.gpt-4o", "local.llama3"], mesh.PoolStatus("chat-completion").Models.Select(m => m.ModelId));
        Assert.Equal(0.0125m, mesh.Usage.TotalCost);
        Assert.Equal(5.0m, mesh.Usage.Budget.DailyLimit);
    }

    [Fact]
    public async Task Failover_works_across_providers_built_from_the_file()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Otherwise((c, _) => LoopbackUpstream.WriteAsync(c, 503, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("down"))));
        fx["b"].EnqueueJson(MeshFixture.CompletionJson("from local"));
        using var mesh = Mesh.FromConfig(Write(Yaml(fx, extra: "")), Options());

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chat-completion"));

        Assert.Equal("from local", reply.Choices[0].Message.Content);
        Assert.Contains("\"model\":\"llama3\"", fx["b"].Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_connector_or_strategy_is_reported_with_file_line_and_key_path()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var yaml = Yaml(fx, strategy: "modelmesh.fastest.v1").Replace("connector: openai-compatible", "connector: acme.llm.v1", StringComparison.Ordinal);
        var path = Write(yaml);

        var error = Assert.Throws<ConfigurationException>(() => Mesh.FromConfig(path, Options()));

        Assert.Equal(2, error.Problems.Count);
        Assert.Equal(path, error.FilePath);
        Assert.Equal(7, error.Line);
        Assert.Equal("providers.local.connector", error.KeyPath);
        Assert.Contains("'acme.llm.v1', which is not registered", error.Message, StringComparison.Ordinal);
        var strategy = error.Problems[1];
        Assert.Equal("pools.chat-completion.strategy", strategy.Location.KeyPath);
        Assert.Equal(20, strategy.Location.Line);
        Assert.Contains("modelmesh.round-robin.v1", strategy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_setting_that_is_wrong_or_unknown_is_reported_precisely()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var yaml = Yaml(fx).Replace("timeout: 30s", "timeout: -5, base_ulr: x", StringComparison.Ordinal);

        var error = Assert.Throws<ConfigurationException>(() => Mesh.FromConfig(Write(yaml), Options()));

        Assert.Contains(error.Problems, p => p.Location.KeyPath == "providers.local.config.base_ulr" && p.Message.Contains("base_url", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_provider_without_its_required_key_is_an_error_that_names_it()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var yaml = Yaml(fx).Replace("api_key: \"${secrets:OPENAI_API_KEY}\", ", string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<ConfigurationException>(() => Mesh.FromConfig(Write(yaml), Options()));

        Assert.Contains("Provider 'openai' (connector 'openai.llm.v1') needs 'api_key'", error.Message, StringComparison.Ordinal);
        Assert.Equal("providers.openai", error.KeyPath);
    }

    [Fact]
    public async Task A_disabled_providers_models_leave_the_pools()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var yaml = Yaml(fx).Replace("    connector: openai.llm.v1", "    connector: openai.llm.v1\n    enabled: false", StringComparison.Ordinal);
        using var mesh = Mesh.FromConfig(Write(yaml), Options());

        Assert.Equal(["local.llama3"], mesh.PoolStatus("chat-completion").Models.Select(m => m.ModelId));
    }

    [Fact]
    public async Task A_template_sets_what_the_file_leaves_out()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var yaml = Yaml(fx).Replace("    strategy: modelmesh.priority-selection.v1\n", string.Empty, StringComparison.Ordinal)
            .Replace("budget: { daily_limit: 5.0, monthly_limit: 50.0 }", "template: cost-optimized", StringComparison.Ordinal);
        using var mesh = Mesh.FromConfig(Write(yaml), Options());

        Assert.Equal(RotationStrategies.CostFirst, mesh.PoolStatus("chat-completion").Strategy);
        Assert.NotNull(mesh.Usage.Budget.DailyLimit);
    }

    [Fact]
    public async Task Sections_whose_connectors_do_not_exist_yet_are_errors_not_silence()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var yaml = Yaml(fx, extra: "storage: { connector: modelmesh.sqlite.v1 }");

        var error = Assert.Throws<ConfigurationException>(() => Mesh.FromConfig(Write(yaml), Options()));

        Assert.Contains("storage connector 'modelmesh.sqlite.v1' is not available yet", error.Message, StringComparison.Ordinal);
        using var ok = Mesh.FromConfig(Write(Yaml(fx, extra: "storage: { connector: modelmesh.memory.v1 }\nobservability: { connector: modelmesh.console.v1 }"), "ok.yaml"), Options());
    }

    [Fact]
    public async Task Editing_the_file_swaps_the_mesh_without_dropping_a_request_in_flight()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var release = new TaskCompletionSource();
        fx["a"].Enqueue(async (context, _) =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            await LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(MeshFixture.CompletionJson("slow answer from the old config")));
        });
        fx.AlwaysAnswer("b");
        var reloads = new List<ConfigurationReloadedEventArgs>();
        var reloaded = new SemaphoreSlim(0);
        var path = Write(Yaml(fx));
        using var mesh = Mesh.FromConfig(path, Options(e => { lock (reloads) { reloads.Add(e); } reloaded.Release(); }, reload: true));

        var inFlight = mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chat-completion"));
        await WaitUntilAsync(() => fx["a"].Requests.Count == 1);
        File.WriteAllText(path, Yaml(fx, priority: "[local.llama3, openai.gpt-4o]"));
        Assert.True(await reloaded.WaitAsync(TimeSpan.FromSeconds(20)), "no reload");

        Assert.Equal("from b", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chat-completion"))).Choices[0].Message.Content);
        release.SetResult();
        Assert.Equal("slow answer from the old config", (await inFlight).Choices[0].Message.Content);
        Assert.True(reloads[0].Succeeded);
        Assert.Equal(2, mesh.Usage.Total.Requests); // usage carries over the swap

        // A bad edit keeps the last good configuration and says why.
        File.WriteAllText(path, Yaml(fx, strategy: "nonsense"));
        Assert.True(await reloaded.WaitAsync(TimeSpan.FromSeconds(20)), "no reload report");
        Assert.False(reloads[^1].Succeeded);
        Assert.Contains("Unknown strategy 'nonsense'", reloads[^1].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("from b", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chat-completion"))).Choices[0].Message.Content);
    }

    [Fact]
    public async Task The_same_shape_through_IConfiguration_builds_the_same_mesh_and_reloads()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMesh:providers:openai:connector"] = "openai.llm.v1",
            ["ModelMesh:providers:openai:config:api_key"] = "${env:OPENAI_API_KEY}",
            ["ModelMesh:providers:openai:config:base_url"] = fx["a"].BaseUrl.ToString(),
            ["ModelMesh:providers:local:connector"] = "openai-compatible",
            ["ModelMesh:providers:local:config:base_url"] = fx["b"].BaseUrl.ToString(),
            ["ModelMesh:models:openai.gpt-4o:provider"] = "openai",
            ["ModelMesh:models:openai.gpt-4o:capabilities:0"] = "chat-completion",
            ["ModelMesh:models:local.llama3:provider"] = "local",
            ["ModelMesh:models:local.llama3:capabilities:0"] = "chat-completion",
            ["ModelMesh:pools:chat:capability"] = "chat-completion",
            ["ModelMesh:pools:chat:strategy"] = "priority-selection",
            ["ModelMesh:pools:chat:model_priority:0"] = "openai.gpt-4o",
        }).Build();
        var reloaded = new SemaphoreSlim(0);
        using var mesh = Mesh.FromConfiguration(root.GetSection("ModelMesh"), Options(_ => reloaded.Release(), reload: true));

        Assert.Equal("from a", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chat"))).Choices[0].Message.Content);
        Assert.Equal("Bearer sk-from-env-0123456789", fx["a"].Requests[0].Headers["Authorization"]);

        root["ModelMesh:pools:chat:model_priority:0"] = "local.llama3";
        root.Reload();
        Assert.True(await reloaded.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("from b", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chat"))).Choices[0].Message.Content);
    }

    [Fact]
    public async Task Console_observability_writes_one_line_per_request_and_failure()
    {
        var output = new StringWriter();
        var console = ConsoleObservability.FromConfig(ConfigNode.FromYaml("prefix: '[mesh]'\nshow_timestamp: false"), output);
        var context = new MiddlewareContext { Request = MeshFixture.Ask(), PoolId = "chat", StartedAt = DateTimeOffset.UtcNow };
        context.Response = ChatCompletion.FromText("x", "m", "hi", new Usage(3, 4));

        await console.AfterResponseAsync(context, default);
        await console.OnErrorAsync(context, new RoutingException("nothing\nworked"), default);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("[mesh] pool=chat stream=no ms=", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("tokens=3+4", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("failed RoutingException: nothing | worked", lines[1], StringComparison.Ordinal);
        Assert.Throws<ConfigurationException>(() => ConsoleObservability.FromConfig(ConfigNode.FromYaml("colour: true"), output));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(20);
        }
    }
}
