namespace ModelMesh.Core.Tests.Simulation;

public sealed class SimulatedPaceTests
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task Each_word_waits_for_the_clock_to_advance_by_the_pace()
    {
        var clock = new SignallingClock(Pace);
        using var mesh = SimulatedMesh.Create(Pace, clock);
        var request = SimulatedMesh.Chat("Pace me");
        request.MaxTokens = 3;
        await using var chunks = mesh.Client.Chat.Completions.StreamAsync(request, SimulatedMesh.Bounded()).GetAsyncEnumerator();

        Assert.True(await chunks.MoveNextAsync()); // the role and first word come at once
        Assert.Equal("Simulated ", chunks.Current.Choices[0].Delta.Content);

        foreach (var word in new[] { "answer ", "to" })
        {
            var next = chunks.MoveNextAsync().AsTask();
            await clock.WaitForWaiterAsync();
            Assert.False(next.IsCompleted);
            clock.Fake.Advance(Pace - TimeSpan.FromMilliseconds(1));
            Assert.False(next.IsCompleted);
            clock.Fake.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True(await next);
            Assert.Equal(word, chunks.Current.Choices[0].Delta.Content);
        }

        // The finish, the usage and the end follow without waiting.
        while (await chunks.MoveNextAsync())
        {
        }
        Assert.Equal(0, clock.Waits.CurrentCount);
    }

    [Fact]
    public async Task Cancelling_mid_stream_ends_the_wait_at_once_with_OperationCanceledException()
    {
        var clock = new SignallingClock(Pace);
        using var mesh = SimulatedMesh.Create(Pace, clock);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(SimulatedMesh.Bounded());
        await using var chunks = mesh.Client.Chat.Completions.StreamAsync(SimulatedMesh.Chat("Cancel me"), cancel.Token).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync());

        var next = chunks.MoveNextAsync().AsTask();
        await clock.WaitForWaiterAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    [Fact]
    public async Task A_whole_answer_does_not_wait_on_the_pace()
    {
        var clock = new SignallingClock(Pace);
        using var mesh = SimulatedMesh.Create(Pace, clock);

        var reply = await mesh.Client.Chat.Completions.CreateAsync(SimulatedMesh.Chat("No waiting"), SimulatedMesh.Bounded());

        Assert.StartsWith("Simulated answer", reply.Choices[0].Message.Content, StringComparison.Ordinal);
        Assert.Equal(0, clock.Waits.CurrentCount);
    }
}
