using System.Net;
using ModelMesh.Cdk;
using ModelMesh.ChatClients;
using ModelMesh.Core.Tests.Routing;
using static ModelMesh.Core.Tests.ChatClients.ScriptedChatClient;

namespace ModelMesh.Core.Tests.ChatClients;

public sealed class ChatClientFailoverTests
{
    private static readonly RetryOptions OneAttempt = MeshFixture.FastRetry with { MaxAttempts = 1 };

    private static MeshClient Mesh(ScriptedChatClient a, ScriptedChatClient b, ManualClock clock, RetryOptions? retry = null, int failureThreshold = 3) =>
        new MeshBuilder()
            .UseTimeProvider(clock)
            .AddChatClient("a", a, "m")
            .AddChatClient("b", b, "m")
            .AddPool(new PoolDefinition
            {
                Id = "chat",
                Capability = "chat-completion",
                Strategy = RotationStrategies.PrioritySelection,
                Rotation = new RotationPolicyOptions { FailureThreshold = failureThreshold, Cooldown = TimeSpan.FromSeconds(60), ModelPriority = ["a.m", "b.m"] },
                Retry = retry ?? OneAttempt,
            })
            .Build();

    public static TheoryData<string> Failures => ["500", "429", "io", "timeout", "network", "other"];

    private static Exception FailureOf(string kind) => kind switch
    {
        "500" => new HttpRequestException("boom", null, HttpStatusCode.InternalServerError),
        "429" => new HttpRequestException("slow down", null, HttpStatusCode.TooManyRequests),
        "io" => new IOException("connection reset"),
        "timeout" => new TaskCanceledException("client timeout", new TimeoutException("the client's own timeout")),
        "network" => new InvalidOperationException("wrapped", new HttpRequestException("no route")),
        _ => new InvalidOperationException("something else"),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Each_kind_of_client_failure_is_classified(string kind)
    {
        var client = new ScriptedChatClient().Enqueue(Fail(FailureOf(kind)));
        using var provider = new ChatClientProvider("a", client, ["m"]);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(MeshFixture.Ask(model: "m")));

        var (category, retryable, status) = kind switch
        {
            "500" => (ProviderErrorCategory.Server, true, (int?)500),
            "429" => (ProviderErrorCategory.RateLimit, true, 429),
            "io" => (ProviderErrorCategory.Network, true, null),
            "timeout" => (ProviderErrorCategory.Timeout, true, null),
            "network" => (ProviderErrorCategory.Network, true, null),
            _ => (ProviderErrorCategory.Unknown, false, null),
        };
        Assert.Equal(category, error.Category);
        Assert.Equal(retryable, error.IsRetryable);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("a", error.ProviderId);
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Each_kind_of_client_failure_fails_over_to_the_next_client(string kind)
    {
        var a = new ScriptedChatClient().Enqueue(Fail(FailureOf(kind)));
        var b = new ScriptedChatClient { Otherwise = Answer("from b") };
        using var mesh = Mesh(a, b, new ManualClock());

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Equal("from b", reply.Choices[0].Message.Content);
        Assert.Equal("m", Assert.Single(a.Calls).Options!.ModelId); // the upstream name, not the mesh id
        Assert.Equal(1, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").Failures);
    }

    [Fact]
    public async Task A_401_deactivates_the_client_until_reactivated()
    {
        var a = new ScriptedChatClient { Otherwise = Fail(new HttpRequestException("bad key", null, HttpStatusCode.Unauthorized)) };
        var b = new ScriptedChatClient { Otherwise = Answer("from b") };
        using var mesh = Mesh(a, b, new ManualClock());

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        var status = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(ModelStatus.Standby, status.Status);
        Assert.Equal(DeactivationReason.AuthenticationFailed, status.DeactivationReason);
        Assert.Single(a.Calls); // never asked again
    }

    [Fact]
    public async Task A_hanging_client_is_bounded_by_the_attempt_timeout_and_the_request_fails_over()
    {
        var a = new ScriptedChatClient().Enqueue(Hangs());
        var b = new ScriptedChatClient { Otherwise = Answer("from b") };
        using var mesh = Mesh(a, b, new ManualClock(), OneAttempt with { AttemptTimeout = TimeSpan.FromMilliseconds(200) });

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("from b", reply.Choices[0].Message.Content);
        Assert.Equal(1, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").Failures);
    }

    [Fact]
    public async Task A_client_that_keeps_failing_cools_down_and_comes_back()
    {
        var clock = new ManualClock();
        var a = new ScriptedChatClient()
            .Enqueue(Fail(new HttpRequestException("down", null, HttpStatusCode.BadGateway)))
            .Enqueue(Fail(new HttpRequestException("down", null, HttpStatusCode.BadGateway)))
            .Enqueue(Answer("a is back"));
        var b = new ScriptedChatClient { Otherwise = Answer("from b") };
        using var mesh = Mesh(a, b, clock, failureThreshold: 2);

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        var cooling = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(ModelStatus.Standby, cooling.Status);
        Assert.Equal(DeactivationReason.ErrorThreshold, cooling.DeactivationReason);
        Assert.Equal("from b", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.Equal(2, a.Calls.Count);

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("a is back", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.Equal(ModelStatus.Active, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").Status);
    }

    [Fact]
    public async Task A_stream_that_fails_before_output_fails_over_and_one_that_fails_after_is_interrupted()
    {
        var a = new ScriptedChatClient()
            .Enqueue(Fail(new HttpRequestException("down", null, HttpStatusCode.ServiceUnavailable)))
            .Enqueue(FailAfter(new IOException("connection reset"), "Hello", " wor"));
        var b = new ScriptedChatClient { Otherwise = Answer("from", " b") };
        using var mesh = Mesh(a, b, new ManualClock(), failureThreshold: 5);

        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()));
        Assert.Equal(["from", " b"], texts);

        b.Calls.Clear();
        var partial = new List<string>();
        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()), partial));
        Assert.Equal(["Hello", " wor"], partial);
        Assert.Equal("Hello wor", error.PartialText);
        Assert.Equal(ProviderErrorCategory.Network, Assert.IsAssignableFrom<ProviderException>(error.InnerException).Category);
        Assert.Empty(b.Calls); // never restarted elsewhere: that would repeat output
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_the_clients_failure_and_holds_no_money()
    {
        var a = new ScriptedChatClient().Enqueue(Hangs());
        var b = new ScriptedChatClient { Otherwise = Answer("from b") };
        using var mesh = Mesh(a, b, new ManualClock());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(), cancel.Token).WaitAsync(TimeSpan.FromSeconds(20)));

        var status = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(0, status.Failures);
        Assert.Equal(0, status.InFlight);
        Assert.Equal(0m, mesh.Usage.Budget.Reserved);
        Assert.Empty(b.Calls);
    }

    [Fact]
    public async Task A_client_exception_during_the_callers_cancellation_is_a_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var client = new ScriptedChatClient().Enqueue(Fail(new HttpRequestException("aborted", null, HttpStatusCode.InternalServerError)));
        using var provider = new ChatClientProvider("a", client);

        // The provider's own entry point: the caller cancelled, so whatever the client threw is no provider failure.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.CompleteAsync(MeshFixture.Ask(model: "m"), cancel.Token));
    }
}
