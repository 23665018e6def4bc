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
                // The attempt's chunks are counted in the delivered answer from the first (one accumulator): until the
                // first output they are held back too, and a failover before it resets the answer. The first held
                // chunk (usually the role chunk) needs no list; a list is made only for a second one.
                ChatCompletionChunk? firstHeld = null;
                List<ChatCompletionChunk>? moreHeld = null;
                // One source per attempt: the caller's token (linked only when it can cancel), one timer for whichever
                // ends first (the first-output limit or the request's total; after the commit, the stream's total),
                // and the idle timer cancelling the same source.
                using var attemptTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var firstOutput = FirstOutputLimit(timeouts, deadline.ForAttempt(choice.AnotherMayFollow));
                var armedForTotal = RequestDeadline.Arm(attemptTimer, firstOutput, deadline.Remaining);
                IdleTimer? idleTimer = null; // from the commit on, when the pool sets an idle timeout
                Exception? failure = null;
                var accounted = false;
                try
                {
                    var enumerator = member.Provider.StreamOwnedAsync(wire, attemptTimer.Token).GetAsyncEnumerator(attemptTimer.Token);
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
                            var streaming = delivered.HasContent; // committed before this chunk
                            delivered.Add(chunk);
                            if (streaming)
                            {
                                idleTimer?.Touch(); // per chunk: keep-alive comments are not chunks
                                yield return chunk;
                                continue;
                            }
                            if (delivered.ChunkCount == 1)
                            {
                                telemetry.FirstChunk(delivered.Model);
                            }
                            if (!delivered.HasContent)
                            {
                                if (firstHeld is null)
                                {
                                    firstHeld = chunk;
                                }
                                else
                                {
                                    (moreHeld ??= []).Add(chunk);
                                }
                                continue;
                            }
                            // First output: from here on this attempt owns the stream. The first-output limit gives way
                            // to the idle timer; the request's total time still bounds the stream unless the pool's
                            // stream timeouts set their own total (infinite lifts it).
                            armedForTotal = RequestDeadline.Arm(attemptTimer, Timeout.InfiniteTimeSpan, timeouts.Total is TimeSpan whole ? deadline.RemainingOf(whole) : deadline.Remaining);
                            if (timeouts.Idle is TimeSpan limit)
                            {
                                idleTimer = IdleTimer.Start(attemptTimer, limit);
                            }
                            request.Trace?.Answered(member.Model.Id, member.Model.ProviderId);
                            if (firstHeld is not null)
                            {
                                yield return firstHeld;
                                firstHeld = null;
                                if (moreHeld is not null)
                                {
                                    for (var i = 0; i < moreHeld.Count; i++)
                                    {
                                        yield return moreHeld[i];
                                    }
                                    moreHeld = null;
                                }
                            }
                            yield return chunk;
                        }
                    }

                    accounted = true;
                    if (failure is null)
                    {
                        // A clean end (the provider checked the terminator). An answer with no output is still an answer.
                        Succeed(pool, request, member, choice.Reservation, StreamUsage(request, delivered), Stopwatch.GetElapsedTime(started), telemetry);
                        if (firstHeld is not null)
                        {
                            yield return firstHeld;
                            if (moreHeld is not null)
                            {
                                for (var i = 0; i < moreHeld.Count; i++)
                                {
                                    yield return moreHeld[i];
                                }
                            }
                        }
                        yield break;
                    }
                    if (cancellationToken.IsCancellationRequested)
                    {
                        telemetry.Cancelled(StreamUsage(request, delivered));
                        Cancelled(member, choice.Reservation, StreamUsage(request, delivered));
                        throw CallerCancelled(failure, cancellationToken);
                    }
                    var used = StreamUsage(request, delivered);
                    var committed = delivered.HasContent;
                    var idled = idleTimer?.Expired == true;
                    var outOfTime = armedForTotal && !idled && attemptTimer.IsCancellationRequested;
                    var error = AsStreamFailure(failure, member, attemptTimer, outOfTime, committed, firstOutput, timeouts, deadline);
                    telemetry.Failed(error ?? failure, cancellationToken, used);
                    if (committed)
                    {
                        Interrupted(pool, choice, error, attempt, log, used, Stopwatch.GetElapsedTime(started), outOfTime);
                        throw new StreamInterruptedException(delivered.Text, delivered.Reasoning, delivered.Usage ?? new Usage(Saturate(used.PromptTokens), Saturate(used.CompletionTokens)), error ?? failure);
                    }
                    if (error is null)
                    {
                        // Not a provider failure (a bug): nothing against the model, nothing held.
                        member.Health.RecordFailure(Clock.GetUtcNow(), countsAgainstModel: false);
                        choice.Reservation.Settle(0m);
                        throw failure;
                    }
                    log.Add(member, error, Stopwatch.GetElapsedTime(started));
                    // Nothing of this attempt reached the caller: the next one starts from an empty answer.
                    delivered.Reset();
                    if (await AfterFailureAsync(pool, choice, error, attempt, log, deadline, outOfTime, used, telemetry, cancellationToken).ConfigureAwait(false) == Next.Retry)
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
                        telemetry.Cancelled(StreamUsage(request, delivered));
                        Cancelled(member, choice.Reservation, StreamUsage(request, delivered));
                    }
                }
            }
        }
    }

    /// <summary>
    /// The request sent to one model: a copy of the caller's with the model's upstream name and any budget output
    /// bound. The copy is the attempt's own, so the provider takes it as it is (<c>CompleteOwnedAsync</c>,
    /// <c>StreamOwnedAsync</c>) instead of copying it again.
    /// </summary>
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
    private void Interrupted(RoutingPool pool, Choice choice, ProviderException? error, int attempt, AttemptLog log, CallUsage used, TimeSpan elapsed, bool outOfTime)
    {
        var member = choice.Member;
        MeshLog.StreamInterrupted(runtime.Services.Logger, member.Model.Id, pool.Id, (int)Math.Min(int.MaxValue, used.CompletionTokens), error?.Category);
        var cost = CostOf(member, used);
        var tokens = used.PromptTokens + used.CompletionTokens;
        var ranOutOfTime = outOfTime && error is ProviderTimeoutException;
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
    /// router's own timers (first output, idle, total: <paramref name="outOfTime"/>) as a <see cref="ProviderTimeoutException"/>; null for anything else.
    /// </summary>
    private static ProviderException? AsStreamFailure(Exception error, PoolMember member, CancellationTokenSource attemptTimer, bool outOfTime, bool committed, TimeSpan firstOutput, StreamTimeouts timeouts, RequestDeadline deadline)
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
        if (outOfTime)
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
