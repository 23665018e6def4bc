using Microsoft.Extensions.Configuration;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Core.Tests.Secrets;

namespace ModelMesh.Core.Tests.Configuration;

/// <summary>
/// Loading and reloading with a secret store that completes asynchronously: the async entry points await it, the
/// synchronous ones refuse it instead of blocking, cancellation is the caller's, and reloads never hold a thread.
/// </summary>
public sealed class AsyncLoadingTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly string _dir = Directory.CreateTempSubdirectory("modelmesh-async-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Yaml(MeshFixture fx, string secret = "KEY_ONE") => $$"""
        providers:
          a:
            connector: openai-compatible
            config: { api_key: "${secrets:{{secret}}}", base_url: "{{fx["a"].BaseUrl}}" }
        models:
          a.m: { provider: a, capabilities: [chat-completion] }
        pools:
          chat: { capability: chat-completion }
        """;

    private static AsynchronousSecretStore Store() =>
        new(new Dictionary<string, string> { ["KEY_ONE"] = "sk-one-0123456789", ["KEY_TWO"] = "sk-two-0123456789" });

    private static MeshConfigOptions Options(AsynchronousSecretStore store, bool reload = false, Action<ConfigurationReloadedEventArgs>? reloaded = null) => new()
    {
        SecretStore = store,
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
    public async Task FromConfigAsync_resolves_secrets_through_a_store_that_completes_asynchronously()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx.AlwaysAnswer("a");
        var store = Store();

        using var mesh = await Mesh.FromConfigAsync(Write(Yaml(fx)), Options(store)).WaitAsync(Patience);
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Equal(1, store.Lookups);
        Assert.Equal("Bearer sk-one-0123456789", fx["a"].Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task The_synchronous_entry_points_refuse_an_asynchronous_store_instead_of_blocking()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        var path = Write(Yaml(fx));
        var store = Store();
        store.Hold(); // a blocking wait would never return: the test would hang rather than pass

        var fromConfig = await Task.Run(() => Assert.Throws<InvalidOperationException>(() => Mesh.FromConfig(path, Options(store)))).WaitAsync(Patience);
        var load = await Task.Run(() => Assert.Throws<InvalidOperationException>(() => MeshConfiguration.Load(path, new ConfigurationLoadOptions { SecretStore = store }))).WaitAsync(Patience);
        var resolve = await Task.Run(() => Assert.Throws<InvalidOperationException>(() => store.TryResolve("KEY_ONE", out _))).WaitAsync(Patience);

        Assert.Contains("Mesh.FromConfigAsync", fromConfig.Message, StringComparison.Ordinal);
        Assert.Contains("'test.asynchronous.v1'", fromConfig.Message, StringComparison.Ordinal);
        Assert.Contains("MeshConfiguration.LoadAsync", load.Message, StringComparison.Ordinal);
        Assert.Contains("TryResolveAsync", resolve.Message, StringComparison.Ordinal);
        store.Release();
    }

    [Fact]
    public async Task Cancelling_FromConfigAsync_while_a_secret_is_being_looked_up_throws_OperationCanceledException()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        var path = Write(Yaml(fx));
        var store = Store();
        store.Hold();
        using var cancel = new CancellationTokenSource();

        var loading = Mesh.FromConfigAsync(path, Options(store), cancel.Token);
        Assert.True(await store.Waiting.WaitAsync(Patience), "the lookup never started");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loading.WaitAsync(Patience));
    }

    [Fact]
    public async Task FromConfigAsync_with_a_cancelled_token_builds_nothing()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        var store = Store();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Mesh.FromConfigAsync(Write(Yaml(fx)), Options(store), new CancellationToken(canceled: true)));
        Assert.Equal(0, store.Lookups);
    }

    [Fact]
    public async Task Editing_the_file_reloads_through_the_asynchronous_store()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx.AlwaysAnswer("a");
        var reloads = new List<ConfigurationReloadedEventArgs>();
        using var reloaded = new SemaphoreSlim(0);
        var path = Write(Yaml(fx));
        using var mesh = await Mesh.FromConfigAsync(path, Options(Store(), reload: true, e => { lock (reloads) { reloads.Add(e); } reloaded.Release(); })).WaitAsync(Patience);

        Replace(path, Yaml(fx, secret: "KEY_TWO"));
        Assert.True(await reloaded.WaitAsync(Patience), "no reload");
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.True(reloads[0].Succeeded, reloads[0].Exception?.Message);
        Assert.Equal("Bearer sk-two-0123456789", fx["a"].Requests[^1].Headers["Authorization"]);
    }

    [Fact]
    public async Task A_watcher_reloads_through_the_asynchronous_store()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        var path = Write(Yaml(fx));
        using var events = new SemaphoreSlim(0);
        ConfigurationReloadedEventArgs? last = null;
        using var watcher = new ConfigurationFileWatcher(path, new ConfigurationLoadOptions { SecretStore = Store() }, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20));
        watcher.Reloaded += (_, e) => { last = e; events.Release(); };
        watcher.Start();

        Replace(path, Yaml(fx, secret: "KEY_TWO"));

        Assert.True(await events.WaitAsync(Patience), "no reload");
        Assert.True(last!.Succeeded, last.Exception?.Message);
        Assert.Equal("sk-two-0123456789", last.Configuration!.Providers["a"].Config!.Require("api_key").GetString());
    }

    [Fact]
    public async Task An_IConfiguration_reload_awaits_the_store_without_holding_the_thread_that_raised_it()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx.AlwaysAnswer("a");
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["providers:a:connector"] = "openai-compatible",
            ["providers:a:config:api_key"] = "${secrets:KEY_ONE}",
            ["providers:a:config:base_url"] = fx["a"].BaseUrl.ToString(),
            ["models:a.m:provider"] = "a",
            ["models:a.m:capabilities:0"] = "chat-completion",
            ["pools:chat:capability"] = "chat-completion",
        }).Build();
        var store = Store();
        var reloads = new List<ConfigurationReloadedEventArgs>();
        using var reloaded = new SemaphoreSlim(0);
        using var mesh = await Mesh.FromConfigurationAsync(root, Options(store, reload: true, e => { lock (reloads) { reloads.Add(e); } reloaded.Release(); })).WaitAsync(Patience);

        store.Hold();
        root["providers:a:config:api_key"] = "${secrets:KEY_TWO}";
        await Task.Run(root.Reload).WaitAsync(Patience); // returns while the lookup is still waiting at the gate
        Assert.True(await store.Waiting.WaitAsync(Patience), "the reload never looked the secret up");
        Assert.Empty(reloads);
        store.Release();

        Assert.True(await reloaded.WaitAsync(Patience), "no reload");
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        Assert.True(reloads[0].Succeeded, reloads[0].Exception?.Message);
        Assert.Equal("Bearer sk-two-0123456789", fx["a"].Requests[^1].Headers["Authorization"]);
    }
}
