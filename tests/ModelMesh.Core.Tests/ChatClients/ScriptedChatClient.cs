using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ModelMesh.Core.Tests.ChatClients;

/// <summary>
/// An in-process <see cref="IChatClient"/> answering from a script: each call takes the next step (updates to send,
/// then optionally an exception, or a hang until cancelled) and records what it was asked.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly ConcurrentQueue<Step> _script = new();

    /// <summary>One scripted answer: the updates, then the exception to throw (if any), or a hang.</summary>
    public sealed record Step(IReadOnlyList<ChatResponseUpdate> Updates, Exception? Then = null, bool Hang = false);

    /// <summary>The step for calls the script does not cover.</summary>
    public Step? Otherwise { get; set; }

    /// <summary>What each call was asked.</summary>
    public ConcurrentQueue<(List<Microsoft.Extensions.AI.ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = new();

    public ScriptedChatClient Enqueue(Step step)
    {
        _script.Enqueue(step);
        return this;
    }

    public static Step Answer(params string[] words)
    {
        var updates = words.Select(w => new ChatResponseUpdate(Microsoft.Extensions.AI.ChatRole.Assistant, w) { ResponseId = "r1", ModelId = "m" }).ToList();
        updates.Add(new ChatResponseUpdate
        {
            ResponseId = "r1",
            FinishReason = ChatFinishReason.Stop,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = 7, OutputTokenCount = 3, TotalTokenCount = 10 })],
        });
        return new Step(updates);
    }

    public static Step Fail(Exception error) => new([], error);

    public static Step FailAfter(Exception error, params string[] words) =>
        new(words.Select(w => new ChatResponseUpdate(Microsoft.Extensions.AI.ChatRole.Assistant, w)).ToList(), error);

    public static Step Hangs() => new([], Hang: true);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var step = Take(messages, options);
        await PlayEndAsync(step, cancellationToken);
        return step.Updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var step = Take(messages, options);
        foreach (var update in step.Updates)
        {
            await Task.Yield();
            yield return update;
        }
        await PlayEndAsync(step, cancellationToken);
    }

    private Step Take(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options)
    {
        Calls.Enqueue((messages.ToList(), options));
        return _script.TryDequeue(out var step) ? step
            : Otherwise ?? throw new InvalidOperationException("The scripted chat client has no step left.");
    }

    private static async Task PlayEndAsync(Step step, CancellationToken cancellationToken)
    {
        if (step.Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        if (step.Then is { } error)
        {
            throw error;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(IChatClient) ? this : null;

    public void Dispose()
    {
    }
}
