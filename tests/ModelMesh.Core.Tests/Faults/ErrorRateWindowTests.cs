using System.Text;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Faults;

/// <summary>
/// Defect 3 of the correctness issue: the error-rate rule acts only on a window with enough completed outcomes
/// of the current activation — not on requests merely started, nor on the history before a reactivation.
/// </summary>
public sealed class ErrorRateWindowTests
{
    private static readonly RetryOptions OneAttempt = MeshFixture.FastRetry with { MaxAttempts = 1 };

    [Fact]
    public async Task One_failure_after_a_reactivation_does_not_deactivate_a_model()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        var fail = false;
        fx["a"].Otherwise((context, _) => fail
            ? LoopbackUpstream.WriteAsync(context, 500, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("boom")))
            : LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(MeshFixture.CompletionJson("ok"))));
        using var mesh = fx.Mesh(retry: OneAttempt);
        for (var i = 0; i < 30; i++)
        {
            await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        }
        Assert.True(mesh.Deactivate("a.m"));
        Assert.True(mesh.Reactivate("a.m"));

        fail = true;
        await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));

        var a = mesh.PoolStatus("chat").Models.Single();
        Assert.Equal(ModelStatus.Active, a.Status);
        Assert.Equal(1, a.ErrorRateSamples);
    }

    [Fact]
    public async Task Requests_still_in_flight_are_not_outcomes_of_the_error_rate()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        fx["a"].Otherwise(async (context, _) =>
        {
            if (Interlocked.Increment(ref arrived) == 12)
            {
                await LoopbackUpstream.WriteAsync(context, 500, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("boom")));
                return;
            }
            await release.Task.WaitAsync(context.RequestAborted);
            await LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(MeshFixture.CompletionJson("ok")));
        });
        using var mesh = fx.Mesh(retry: OneAttempt, rotation: new RotationPolicyOptions { FailureThreshold = 5 });
        var slow = Enumerable.Range(0, 11).Select(_ => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).ToArray();
        while (Volatile.Read(ref arrived) < 11)
        {
            await Task.Delay(10);
        }

        await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));

        var a = mesh.PoolStatus("chat").Models.Single();
        Assert.Equal(ModelStatus.Active, a.Status);
        Assert.Equal(11, a.InFlight);
        release.SetResult();
        await Task.WhenAll(slow).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ModelStatus.Active, mesh.PoolStatus("chat").Models.Single().Status);
    }

    [Fact]
    public async Task A_high_error_rate_over_enough_completed_requests_still_deactivates()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var n = 0;
        // Alternate failure and success: never three failures in a row, but a rate of one half.
        fx["a"].Otherwise((context, _) => Interlocked.Increment(ref n) % 2 == 0
            ? LoopbackUpstream.WriteAsync(context, 500, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("boom")))
            : LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(MeshFixture.CompletionJson("ok"))));
        fx.AlwaysAnswer("b");
        using var mesh = fx.Mesh(RotationStrategies.PrioritySelection, new RotationPolicyOptions { ModelPriority = ["a.m", "b.m"] }, OneAttempt);

        for (var i = 0; i < 30 && Status(mesh, "a.m").Status == ModelStatus.Active; i++)
        {
            await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        }

        var a = Status(mesh, "a.m");
        Assert.Equal(ModelStatus.Standby, a.Status);
        Assert.Equal(DeactivationReason.ErrorThreshold, a.DeactivationReason);
        Assert.Equal(10, a.ErrorRateSamples);
    }

    [Fact]
    public async Task The_last_active_model_of_a_pool_keeps_serving_while_it_still_succeeds()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var n = 0;
        fx["a"].Otherwise((context, _) => Interlocked.Increment(ref n) % 2 == 0
            ? LoopbackUpstream.WriteAsync(context, 500, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("boom")))
            : LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(MeshFixture.CompletionJson("ok"))));
        using var mesh = fx.Mesh(RotationStrategies.PrioritySelection, new RotationPolicyOptions { ModelPriority = ["a.m", "b.m"] }, OneAttempt);
        Assert.True(mesh.Deactivate("b.m"));

        for (var i = 0; i < 30; i++)
        {
            try
            {
                await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
            }
            catch (AllProvidersExhaustedException)
            {
            }
        }

        // Half its requests fail, but it is all the pool has and it keeps answering: it stays.
        Assert.Equal(ModelStatus.Active, Status(mesh, "a.m").Status);
        Assert.Equal(30, fx["a"].Requests.Count);
    }

    [Fact]
    public async Task The_last_active_model_goes_when_it_has_not_succeeded_for_a_whole_cooldown()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var fail = false;
        fx["a"].Otherwise((context, _) => fail
            ? LoopbackUpstream.WriteAsync(context, 500, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("boom")))
            : LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(MeshFixture.CompletionJson("ok"))));
        using var mesh = fx.Mesh(rotation: new RotationPolicyOptions { Cooldown = TimeSpan.FromSeconds(60) }, retry: OneAttempt);
        Assert.True(mesh.Deactivate("b.m"));
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        fail = true;

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));
        }
        Assert.Equal(ModelStatus.Active, Status(mesh, "a.m").Status); // succeeded a moment ago
        fx.Clock.Advance(TimeSpan.FromSeconds(61));

        // No success for a whole cooldown: the next request finds it gone, and nothing is sent to it.
        await Assert.ThrowsAsync<NoActiveModelException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));
        Assert.Equal(ModelStatus.Standby, Status(mesh, "a.m").Status);
        Assert.Equal(4, fx["a"].Requests.Count);
    }

    [Fact]
    public async Task A_model_back_from_a_rest_as_the_pools_last_is_judged_on_the_time_it_has_served_not_the_rest()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var fail = false;
        fx["a"].Otherwise((context, _) => fail
            ? LoopbackUpstream.WriteAsync(context, 500, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("boom")))
            : LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(MeshFixture.CompletionJson("ok"))));
        fx.AlwaysAnswer("b");
        using var mesh = fx.Mesh(RotationStrategies.PrioritySelection,
            new RotationPolicyOptions { ModelPriority = ["a.m", "b.m"], Cooldown = TimeSpan.FromSeconds(60), FailureThreshold = 2 }, OneAttempt);
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());  // a succeeds
        fail = true;
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("from b", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        }
        Assert.Equal(ModelStatus.Standby, Status(mesh, "a.m").Status); // b was still there: a rests
        Assert.True(mesh.Deactivate("b.m"));
        fx.Clock.Advance(TimeSpan.FromSeconds(61));

        // Back on probation and now the pool's only model. Its last success is 61 s old, but it spent them resting:
        // it has served for no time since, so one failure does not take the pool's last model.
        await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));
        var a = Status(mesh, "a.m");
        Assert.Equal(ModelStatus.Active, a.Status);
        Assert.Equal(TimeSpan.Zero, a.ActiveTimeSinceSuccess);
        fail = false;
        Assert.Equal("ok", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);

        // A model that keeps failing for a whole cooldown of serving still goes.
        fail = true;
        await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));
        await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));
        Assert.Equal(ModelStatus.Active, Status(mesh, "a.m").Status);
        fx.Clock.Advance(TimeSpan.FromSeconds(61));
        await Assert.ThrowsAsync<NoActiveModelException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));
        Assert.Equal(ModelStatus.Standby, Status(mesh, "a.m").Status);
    }

    private static ModelState Status(MeshClient mesh, string modelId) => mesh.PoolStatus("chat").Models.Single(m => m.ModelId == modelId);
}
