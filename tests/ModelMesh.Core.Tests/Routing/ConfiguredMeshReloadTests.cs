using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using ModelMesh.Cdk;
using ModelMesh.Routing;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>
/// A reload that fails for any reason keeps the running set-up whole (providers, pools, budget), reports the error
/// through <see cref="MeshConfigOptions.Reloaded"/>, and releases whatever it had built.
/// </summary>
public sealed class ConfiguredMeshReloadTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly string _dir = Directory.CreateTempSubdirectory("modelmesh-reload-").FullName;

    public ConfiguredMeshReloadTests() => ReloadTestConnectors.EnsureRegistered();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Yaml(MeshFixture fx, decimal dailyLimit = 5m, bool fragileFails = false) => $$"""
        providers:
          keep:
            connector: {{ReloadTestConnectors.Counting}}
            config: { base_url: "{{fx["a"].BaseUrl}}" }
          frail:
            connector: {{ReloadTestConnectors.Fragile}}
            config: { base_url: "{{fx["b"].BaseUrl}}"{{(fragileFails ? ", headers: { x-fail: \"yes\" }" : "")}} }
        models:
          keep.m: { provider: keep, capabilities: [chat-completion] }
          frail.m: { provider: frail, capabilities: [chat-completion] }
        pools:
          chat: { capability: chat-completion, strategy: priority-selection, model_priority: [keep.m] }
        budget: { daily_limit: {{dailyLimit}} }
        """;

    private static MeshConfigOptions Options(Action<ConfigurationReloadedEventArgs>? reloaded = null, bool reload = false) => new()
    {
        Environment = _ => null,
        ReloadOnChange = reload,
        PollInterval = TimeSpan.FromMilliseconds(100),
        Reloaded = reloaded,
    };

    // An edit as editors save one (write beside, then rename over), so no reload can see a half-written file.
    private static void Replace(string path, string yaml)
    {
        File.WriteAllText(path + ".new", yaml);
        File.Move(path + ".new", path, overwrite: true);
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, "modelmesh.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task A_connector_factory_that_throws_on_reload_keeps_the_old_mesh_and_budget_and_releases_what_was_built()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        var reloads = new List<ConfigurationReloadedEventArgs>();
        using var reloaded = new SemaphoreSlim(0);
        var path = Write(Yaml(fx));
        using var mesh = Mesh.FromConfig(path, Options(e => { lock (reloads) { reloads.Add(e); } reloaded.Release(); }, reload: true));

        Replace(path, Yaml(fx, dailyLimit: 7m, fragileFails: true));
        Assert.True(await reloaded.WaitAsync(Patience), "the failed reload was not reported");

        var report = Assert.Single(reloads);
        Assert.False(report.Succeeded);
        Assert.Null(report.Configuration);
        Assert.Null(report.Error); // not a configuration problem
        Assert.Equal("factory failed", Assert.IsType<InvalidOperationException>(report.Exception).Message);
        Assert.Equal("from a", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.Equal(5m, mesh.Usage.Budget.DailyLimit);
        var built = ReloadTestConnectors.BuiltFor(fx["a"].BaseUrl);
        Assert.Equal(2, built.Count);
        Assert.False(built[0].Disposed); // still serving
        Assert.True(built[1].Disposed);  // built by the failed reload, released
    }

    [Fact]
    public async Task A_failure_while_the_runtime_is_built_keeps_the_old_budget_and_releases_the_new_providers()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["providers:keep:connector"] = ReloadTestConnectors.Counting,
            ["providers:keep:config:base_url"] = fx["a"].BaseUrl.ToString(),
            ["models:keep.m:provider"] = "keep",
            ["models:keep.m:capabilities:0"] = "chat-completion",
            ["pools:chat:capability"] = "chat-completion",
            ["budget:daily_limit"] = "5",
        }).Build();
        var reloads = new List<ConfigurationReloadedEventArgs>();
        using var reloaded = new SemaphoreSlim(0);
        using var mesh = Mesh.FromConfiguration(root, Options(e => { lock (reloads) { reloads.Add(e); } reloaded.Release(); }, reload: true));

        // Everything reads and plans; only building the pool's policy (inside the runtime) fails.
        root["pools:chat:strategy"] = ReloadTestConnectors.Exploding;
        root["pools:chat:strategy_config:explode"] = "true";
        root["budget:daily_limit"] = "7";
        root.Reload();
        Assert.True(await reloaded.WaitAsync(Patience), "the failed reload was not reported");

        var report = Assert.Single(reloads);
        Assert.Equal("policy failed", Assert.IsType<InvalidOperationException>(report.Exception).Message);
        Assert.Equal(5m, mesh.Usage.Budget.DailyLimit);
        Assert.Equal("from a", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.Equal(RotationStrategies.StickUntilFailure, mesh.PoolStatus("chat").Strategy);
        var built = ReloadTestConnectors.BuiltFor(fx["a"].BaseUrl);
        Assert.Equal(2, built.Count);
        Assert.False(built[0].Disposed);
        Assert.True(built[1].Disposed);
    }

    [Fact]
    public async Task A_connector_factory_that_throws_on_the_first_load_leaves_no_provider_open()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");

        var error = Assert.Throws<InvalidOperationException>(() => Mesh.FromConfig(Write(Yaml(fx, fragileFails: true)), Options()));

        Assert.Equal("factory failed", error.Message);
        Assert.True(Assert.Single(ReloadTestConnectors.BuiltFor(fx["a"].BaseUrl)).Disposed);
    }

    [Fact]
    public async Task A_good_reload_after_a_failed_one_takes_effect()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        var reloads = new List<ConfigurationReloadedEventArgs>();
        using var reloaded = new SemaphoreSlim(0);
        var path = Write(Yaml(fx));
        using var mesh = Mesh.FromConfig(path, Options(e => { lock (reloads) { reloads.Add(e); } reloaded.Release(); }, reload: true));

        Replace(path, Yaml(fx, dailyLimit: 7m, fragileFails: true));
        Assert.True(await reloaded.WaitAsync(Patience), "the failed reload was not reported");
        Replace(path, Yaml(fx, dailyLimit: 9m));
        Assert.True(await reloaded.WaitAsync(Patience), "the good reload was not reported");

        Assert.True(reloads[^1].Succeeded);
        Assert.Equal(9m, mesh.Usage.Budget.DailyLimit);
        var built = ReloadTestConnectors.BuiltFor(fx["a"].BaseUrl);
        Assert.Equal(3, built.Count);
        Assert.Equal([true, true, false], built.Select(p => p.Disposed)); // the first retired by the swap, the second by the failure
    }
}

/// <summary>
/// Test connectors: one that records every provider it builds and whether it was disposed, one whose factory
/// throws when its config has an <c>x-fail</c> header, and a strategy that throws when its config says <c>explode</c>.
/// </summary>
internal static class ReloadTestConnectors
{
    public const string Counting = "test.reload-counting.v1";
    public const string Fragile = "test.reload-fragile.v1";
    public const string Exploding = "test.reload-exploding.v1";

    private static readonly ConcurrentQueue<CountingProvider> Built = new();

    static ReloadTestConnectors()
    {
        ConnectorRegistry.Register(new ProviderConnector
        {
            Id = Counting,
            Vendor = "test-reload-counting",
            RequiresApiKey = false,
            Create = (options, http) =>
            {
                var provider = new CountingProvider(options, http);
                Built.Enqueue(provider);
                return provider;
            },
        });
        ConnectorRegistry.Register(new ProviderConnector
        {
            Id = Fragile,
            Vendor = "test-reload-fragile",
            RequiresApiKey = false,
            Create = (options, http) => options.Headers?.ContainsKey("x-fail") == true
                ? throw new InvalidOperationException("factory failed")
                : new OpenAICompatibleProvider(options, http),
        });
        RotationPolicies.Register(Exploding, options => options.Extra.TryGetValue("explode", out var explode) && explode == "true"
            ? throw new InvalidOperationException("policy failed")
            : RotationPolicies.Create(RotationStrategies.StickUntilFailure, options));
    }

    /// <summary>Runs the static constructor (the ids above are constants, which do not).</summary>
    public static void EnsureRegistered()
    {
    }

    /// <summary>The counting providers built for an upstream, oldest first.</summary>
    public static IReadOnlyList<CountingProvider> BuiltFor(Uri baseUrl) => Built.Where(p => p.BaseUrl == baseUrl).ToArray();

    internal sealed class CountingProvider(ProviderOptions options, HttpClient? http) : OpenAICompatibleProvider(options, http)
    {
        public Uri BaseUrl { get; } = options.BaseUrl;

        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
