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
        await using var fx = await MeshFixture.StartAsync("a");
        var n = 0;
        // Alternate failure and success: never three failures in a row, but a rate of one half.
        fx["a"].Otherwise((context, _) => Interlocked.Increment(ref n) % 2 == 0
            ? LoopbackUpstream.WriteAsync(context, 500, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("boom")))
            : LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(MeshFixture.CompletionJson("ok"))));
        using var mesh = fx.Mesh(retry: OneAttempt);

        for (var i = 0; i < 10 && mesh.PoolStatus("chat").Models.Single().Status == ModelStatus.Active; i++)
        {
            try
            {
                await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
            }
            catch (AllProvidersExhaustedException)
            {
            }
        }

        var a = mesh.PoolStatus("chat").Models.Single();
        Assert.Equal(ModelStatus.Standby, a.Status);
        Assert.Equal(DeactivationReason.ErrorThreshold, a.DeactivationReason);
    }
}
