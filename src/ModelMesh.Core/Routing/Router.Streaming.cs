using System.Diagnostics;
using System.Runtime.CompilerServices;
using ModelMesh.Cdk;
using ModelMesh.Telemetry;

namespace ModelMesh.Routing;

internal sealed partial class Router
{
    /// <summary>
    /// Streams a chat completion through a pool under the streaming contract (DESIGN §5.1): chunks before the first
    /// output (text, reasoning, refusal or tool call) are held back, so a failure before it fails over invisibly;
    /// from the first output on, chunks flow as they arrive, and a failure ends the stream with
    /// <see cref="StreamInterruptedException"/> carrying what was delivered — never a clean end, never a repeat.
    /// The caller's cancellation ends it with <see cref="OperationCanceledException"/> and charges no model.
    /// </summary>
    /// <remarks>
    /// When anyone listens to the mesh's spans (or content is logged), the request span
    /// (<see cref="MeshActivities.StartRequest"/>) lasts as long as the stream: it ends when the
    /// stream ends, fails or is disposed, not at the first chunk.
    /// </remarks>
    public IAsyncEnumerable<ChatCompletionChunk> StreamAsync(RoutingPool pool, RoutingRequest request, ChatCompletionRequest chat, ChatStreamAccumulator delivered, CancellationToken cancellationToken) =>
        MeshActivities.Source.HasListeners() || runtime.Services.LogContent
            ? ObservedStreamAsync(pool, request, chat, delivered, cancellationToken)
            : RouteStreamAsync(pool, request, chat, delivered, null, cancellationToken);

    private async IAsyncEnumerable<ChatCompletionChunk> ObservedStreamAsync(RoutingPool pool, RoutingRequest request, ChatCompletionRequest chat, ChatStreamAccumulator delivered, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var span = MeshActivities.StartRequest(pool, OperationCapabilities.Name(request.Operation), request.Trace?.RequestedModel);
        ContentCapture.Prompt(runtime.Services, span, pool, request.Chat);
        var chunks = RouteStreamAsync(pool, request, chat, delivered, span, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (chunks.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception e) when (MeshActivities.RequestFailed(span, e, cancellationToken))
                {
                    throw; // never reached: the filter only marks the span
                }
                yield return chunks.Current;
            }
        }
        if (runtime.Services.LogContent)
        {
            ContentCapture.Answer(runtime.Services, span, pool, request.Trace?.ModelId, delivered.ToCompletion());
        }
    }

    private async IAsyncEnumerable<ChatCompletionChunk> RouteStreamAsync(RoutingPool pool, RoutingRequest request, ChatCompletionRequest chat, ChatStreamAccumulator delivered, Activity? span, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var retry = pool.Definition.Retry;
        var timeouts = pool.Definition.Timeouts;
        var log = new AttemptLog();
        var deadline = new RequestDeadline(retry.TotalTimeout, retry.AttemptTimeout);
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Timers.Arm(total, deadline.Total);
        var attempts = 0;
        while (true)
        {
            var choice = SelectNext(pool, request, log);
            var member = choice.Member;
            for (var attempt = 1; ; attempt++)
            {
                var started = Stopwatch.GetTimestamp();
                member.Health.BeginRequest(Clock.GetUtcNow());
                request.Trace?.Attempted(member.Model.Id);
                using var telemetry = AttemptTelemetry.Start(runtime.Services.Metrics, span, OperationCapabilities.Name(request.Operation), pool.Id, member, ++attempts);
                var wire = WireRequest(chat, member, choice.OutputCap);
                // Until the first output the attempt's chunks are counted here (held back, maybe discarded); from the
                // commit on, only in the delivered answer, which then holds every chunk of this attempt: one accumulator.
                var attemptChunks = new ChatStreamAccumulator();
                var counted = attemptChunks;
                var held = new List<ChatCompletionChunk>();
                using var attemptTimer = CancellationTokenSource.CreateLinkedTokenSource(total.Token);
                var firstOutput = FirstOutputLimit(timeouts, deadline.ForAttempt(choice.AnotherMayFollow));
                Timers.Arm(attemptTimer, firstOutput);
                IdleTimer? idleTimer = null; // from the commit on, when the pool sets an idle timeout
                Exception? failure = null;
                var accounted = false;
                try
                {
                    var enumerator = member.Provider.StreamAsync(wire, attemptTimer.Token).GetAsyncEnumerator(attemptTimer.Token);
                    await using (enumerator.ConfigureAwait(false))
                    {
                        while (true)
                        {
                            bool more;
                            try
                            {
                                more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                            }
                            catch (Exception e)
                            {
                                failure = e;
                                break;
                            }
                            if (!more)
                            {
                                break;
                            }
                            var chunk = enumerator.Current;
                            if (!delivered.HasContent)
                            {
                                attemptChunks.Add(chunk);
                                if (attemptChunks.ChunkCount == 1)
                                {
                                    telemetry.FirstChunk(attemptChunks.Model);
                                }
                                held.Add(chunk);
                                if (!attemptChunks.HasContent)
                                {
                                    continue;
                                }
                                // First output: from here on this attempt owns the stream. The first-output timer gives
                                // way to the idle timer; the request's total time still bounds the stream unless the
                                // pool's stream timeouts set their own total (infinite lifts it).
                                Timers.Arm(attemptTimer, Timeout.InfiniteTimeSpan);
                                if (timeouts.Idle is TimeSpan limit)
                                {
                                    idleTimer = IdleTimer.Start(attemptTimer, limit);
                                }
                                request.Trace?.Answered(member.Model.Id, member.Model.ProviderId);
                                if (timeouts.Total is TimeSpan whole)
                                {
                                    Timers.Arm(total, deadline.RemainingOf(whole));
                                }
                                foreach (var pending in held)
                                {
                                    delivered.Add(pending);
                                    yield return pending;
                                }
                                held.Clear();
                                counted = delivered;
                                continue;
                            }
                            idleTimer?.Touch(); // per chunk: keep-alive comments are not chunks
                            delivered.Add(chunk);
                            yield return chunk;
                        }
                    }

                    accounted = true;
                    if (failure is null)
                    {
                        // A clean end (the provider checked the terminator). An answer with no output is still an answer.
                        Succeed(pool, request, member, choice.Reservation, StreamUsage(request, counted), Stopwatch.GetElapsedTime(started), telemetry);
                        foreach (var pending in held)
                        {
                            delivered.Add(pending);
                            yield return pending;
                        }
                        yield break;
                    }
                    if (cancellationToken.IsCancellationRequested)
                    {
                        telemetry.Cancelled(StreamUsage(request, counted));
                        Cancelled(member, choice.Reservation, StreamUsage(request, counted));
                        throw CallerCancelled(failure, cancellationToken);
                    }
                    var used = StreamUsage(request, counted);
                    var committed = delivered.HasContent;
                    var error = AsStreamFailure(failure, member, attemptTimer, total, committed, firstOutput, timeouts, deadline);
                    telemetry.Failed(error ?? failure, cancellationToken, used);
                    if (committed)
                    {
                        Interrupted(pool, choice, error, attempt, log, used, Stopwatch.GetElapsedTime(started), total);
                        throw new StreamInterruptedException(delivered.Text, delivered.Reasoning, counted.Usage ?? new Usage(Saturate(used.PromptTokens), Saturate(used.CompletionTokens)), error ?? failure);
                    }
                    if (error is null)
                    {
                        // Not a provider failure (a bug): nothing against the model, nothing held.
                        member.Health.RecordFailure(Clock.GetUtcNow(), countsAgainstModel: false);
                        choice.Reservation.Settle(0m);
                        throw failure;
                    }
                    log.Add(member, error, Stopwatch.GetElapsedTime(started));
                    if (await AfterFailureAsync(pool, choice, error, attempt, log, total, used, telemetry, cancellationToken).ConfigureAwait(false) == Next.Retry)
                    {
                        continue;
                    }
                    break;
                }
                finally
                {
                    idleTimer?.Dispose();
                    if (!accounted)
                    {
                        // The caller stopped reading (or cancelled) mid-stream: not the model's fault; pay for what was used.
                        telemetry.Cancelled(StreamUsage(request, counted));
                        Cancelled(member, choice.Reservation, StreamUsage(request, counted));
                    }
                }
            }
        }
    }

    /// <summary>The request sent to one model: the caller's, with the model's upstream name and any budget output bound.</summary>
    internal static ChatCompletionRequest WireRequest(ChatCompletionRequest chat, PoolMember member, int? outputCap)
    {
        var wire = chat.Clone();
        wire.Model = member.Model.WireModel;
        if (outputCap is int cap)
        {
            wire.MaxTokens = cap;
        }
        return wire;
    }

    /// <summary>
    /// Books a stream that failed after output reached the caller: the model's health rules apply as for any
    /// failure (a timeout of the upstream counts, the request's own total time does not), and the tokens it
    /// produced are paid for.
    /// </summary>
    private void Interrupted(RoutingPool pool, Choice choice, ProviderException? error, int attempt, AttemptLog log, CallUsage used, TimeSpan elapsed, CancellationTokenSource total)
    {
        var member = choice.Member;
        MeshLog.StreamInterrupted(runtime.Services.Logger, member.Model.Id, pool.Id, (int)Math.Min(int.MaxValue, used.CompletionTokens), error?.Category);
        var cost = CostOf(member, used);
        var tokens = used.PromptTokens + used.CompletionTokens;
        var ranOutOfTime = total.IsCancellationRequested && error is ProviderTimeoutException;
        if (error is not null && !ranOutOfTime)
        {
            log.Add(member, error, elapsed);
            FailureHandling.Handle(runtime, pool, member, error, attempt, log, Clock.GetUtcNow(), tokens, cost, out _);
        }
        else
        {
            member.Health.RecordFailure(Clock.GetUtcNow(), countsAgainstModel: false, tokens, cost);
            pool.Policy.OnCompleted(pool.Snapshot(member), succeeded: false);
        }
        choice.Reservation.Settle(cost);
        runtime.Services.Usage.Record(member.Model.Id, member.Model.ProviderId, used.PromptTokens, used.CompletionTokens, cost);
    }

    /// <summary>
    /// The provider failure a stream's exception stands for: a <see cref="ProviderException"/> as it is, and the
    /// router's own timers (first output, idle, total) as a <see cref="ProviderTimeoutException"/>; null for anything else.
    /// </summary>
    private static ProviderException? AsStreamFailure(Exception error, PoolMember member, CancellationTokenSource attemptTimer, CancellationTokenSource total, bool committed, TimeSpan firstOutput, StreamTimeouts timeouts, RequestDeadline deadline)
    {
        if (error is ProviderException provider)
        {
            return provider;
        }
        if (error is not OperationCanceledException || !attemptTimer.IsCancellationRequested)
        {
            return null;
        }
        string what;
        if (total.IsCancellationRequested)
        {
            what = committed && timeouts.Total is TimeSpan whole
                ? $"the stream's total time of {Seconds(whole)} ran out"
                : $"the pool's total time of {Seconds(deadline.Total)} for one request ran out";
        }
        else
        {
            what = committed
                ? $"no chunk arrived for {Seconds(timeouts.Idle ?? TimeSpan.Zero)}"
                : $"no output arrived within {Seconds(firstOutput)} (the first-token time this attempt had)";
        }
        return TimedOut(member, what, error);
    }

    /// <summary>How long an attempt may wait for its first output: the pool's first-token timeout, within the attempt's share of the time.</summary>
    private static TimeSpan FirstOutputLimit(StreamTimeouts timeouts, TimeSpan share) =>
        timeouts.FirstToken is TimeSpan first && Timers.IsFinite(first) && (share == Timeout.InfiniteTimeSpan || first < share) ? first : share;

    /// <summary>
    /// What an attempt consumed: the usage it reported, else (once the upstream started answering) the prompt
    /// estimate and the output received; nothing when no chunk arrived.
    /// </summary>
    private static CallUsage StreamUsage(RoutingRequest request, ChatStreamAccumulator chunks) =>
        chunks.Usage is { } usage
            ? new CallUsage(usage.PromptTokens, usage.CompletionTokens, usage.Cost) { ResponseModel = chunks.Model }
            : chunks.ChunkCount == 0
                ? default
                : new CallUsage(request.EstimatedPromptTokens, TokenEstimator.FromCharacters(chunks.OutputLength)) { ResponseModel = chunks.Model };

    private static int Saturate(long value) => value > int.MaxValue ? int.MaxValue : (int)value;
}
