using System.Text;
using Microsoft.Extensions.Configuration;
using ModelMesh.Configuration;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>
/// Defect 11 of the correctness issue: a configuration reload keeps the health of models that still exist —
/// cooldowns, Retry-After rests, authentication stops, failure counts — and starts afresh only what changed.
/// </summary>
public sealed class ReloadHealthTests
{
    [Fact]
    public async Task A_reload_keeps_rests_authentication_stops_and_counts_of_models_that_remain()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        fx["a"].Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 429, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("slow down", "rate_limit_error")), new Dictionary<string, string> { ["Retry-After"] = "600" }));
        fx["b"].Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 401, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("bad key", "invalid_request_error", "invalid_api_key"))));
        fx.AlwaysAnswer("c");
        var root = new ConfigurationBuilder().AddInMemoryCollection(Settings(fx)).Build();
        var reloaded = new SemaphoreSlim(0);
        var reports = new List<ConfigurationReloadedEventArgs>();
        using var mesh = Mesh.FromConfiguration(root.GetSection("ModelMesh"), new MeshConfigOptions
        {
            ReloadOnChange = true,
            Reloaded = e => { lock (reports) { reports.Add(e); } reloaded.Release(); },
        });
        Assert.Equal("from c", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        var before = mesh.PoolStatus("chat").Models.ToDictionary(m => m.ModelId);

        root["ModelMesh:models:c.m:pricing:input_per_1k"] = "0.002"; // an edit that leaves every model in place
        root.Reload();
        Assert.True(await reloaded.WaitAsync(TimeSpan.FromSeconds(20)), "no reload");
        Assert.True(reports.Single().Succeeded, reports.Single().Error?.Message);

        var after = mesh.PoolStatus("chat").Models.ToDictionary(m => m.ModelId);
        Assert.Equal(DeactivationReason.RateLimited, after["a.m"].DeactivationReason);
        Assert.Equal(before["a.m"].CooldownUntil, after["a.m"].CooldownUntil);
        Assert.Equal(DeactivationReason.AuthenticationFailed, after["b.m"].DeactivationReason);
        Assert.Equal(before["a.m"].Failures, after["a.m"].Failures);
        Assert.Equal(1, after["c.m"].Requests);
        Assert.Equal(0.002m, after["c.m"].Definition.Pricing!.InputPer1K); // the new definition is in force

        Assert.Equal("from c", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.Single(fx["a"].Requests);
        Assert.Single(fx["b"].Requests);
    }

    [Fact]
    public async Task A_model_that_now_means_another_deployment_starts_afresh()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        fx["a"].Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 429, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("slow down", "rate_limit_error")), new Dictionary<string, string> { ["Retry-After"] = "600" }));
        fx.AlwaysAnswer("b").AlwaysAnswer("c");
        var root = new ConfigurationBuilder().AddInMemoryCollection(Settings(fx)).Build();
        var reloaded = new SemaphoreSlim(0);
        using var mesh = Mesh.FromConfiguration(root.GetSection("ModelMesh"), new MeshConfigOptions { ReloadOnChange = true, Reloaded = _ => reloaded.Release() });
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        Assert.Equal(ModelStatus.Standby, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").Status);

        root["ModelMesh:models:a.m:model"] = "another-model";
        root.Reload();
        Assert.True(await reloaded.WaitAsync(TimeSpan.FromSeconds(20)), "no reload");

        var a = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(ModelStatus.Active, a.Status);
        Assert.Equal(0, a.Failures);
    }

    private static Dictionary<string, string?> Settings(MeshFixture fx)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var id in new[] { "a", "b", "c" })
        {
            settings[$"ModelMesh:providers:{id}:connector"] = "openai-compatible";
            settings[$"ModelMesh:providers:{id}:config:base_url"] = fx[id].BaseUrl.ToString();
            settings[$"ModelMesh:providers:{id}:config:api_key"] = "sk-test-" + id + "-0123456789";
            settings[$"ModelMesh:models:{id}.m:provider"] = id;
            settings[$"ModelMesh:models:{id}.m:model"] = "m";
            settings[$"ModelMesh:models:{id}.m:capabilities:0"] = "chat-completion";
            settings[$"ModelMesh:models:{id}.m:pricing:input_per_1k"] = "0.001";
            settings[$"ModelMesh:models:{id}.m:pricing:output_per_1k"] = "0.002";
        }
        settings["ModelMesh:pools:chat:capability"] = "chat-completion";
        settings["ModelMesh:pools:chat:strategy"] = "priority-selection";
        settings["ModelMesh:pools:chat:model_priority:0"] = "a.m";
        settings["ModelMesh:pools:chat:model_priority:1"] = "b.m";
        settings["ModelMesh:pools:chat:model_priority:2"] = "c.m";
        settings["ModelMesh:pools:chat:retry:max_attempts"] = "1";
        return settings;
    }
}
