using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ModelMesh.Core.Tests.DependencyInjection;

/// <summary>The mesh's background work (configuration reloads) runs with the host and stops before it.</summary>
public sealed class MeshHostedServiceTests
{
    [Fact]
    public async Task Reloads_run_while_the_host_runs_and_stop_when_it_stops_while_requests_still_answer()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMesh:Providers:sim:Connector"] = "modelmesh.simulated.v1",
            ["ModelMesh:Providers:sim:Config:Pace"] = "0ms",
            ["ModelMesh:Pools:chat:Capability"] = "chat-completion",
        }).Build();
        var reloads = 0;
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reloadedAgain = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddModelMesh(root.GetSection("ModelMesh"), _ => new MeshConfigOptions
        {
            Reloaded = _ =>
            {
                if (Interlocked.Increment(ref reloads) == 1)
                {
                    reloaded.TrySetResult();
                }
                else
                {
                    reloadedAgain.TrySetResult();
                }
            },
        });
        using var host = builder.Build();

        await host.StartAsync();
        var mesh = host.Services.GetRequiredService<MeshClient>();
        root["ModelMesh:Pools:second:Capability"] = "chat-completion";
        root.Reload();
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["chat", "second"], mesh.Pools.Order(StringComparer.Ordinal));

        await host.StopAsync();
        root["ModelMesh:Pools:third:Capability"] = "chat-completion";
        root.Reload(); // nobody listens any more: nothing is queued

        // Absence, given the time a reload takes here (milliseconds: the first one above) many times over.
        var late = await Task.WhenAny(reloadedAgain.Task, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.NotSame(reloadedAgain.Task, late);
        Assert.Equal(1, Volatile.Read(ref reloads));
        Assert.DoesNotContain("third", mesh.Pools);
        var reply = await mesh.Chat.Completions.CreateAsync(Routing.MeshFixture.Ask(model: "second"));
        Assert.StartsWith("Simulated answer", reply.Choices[0].Message.Content, StringComparison.Ordinal);
    }
}
