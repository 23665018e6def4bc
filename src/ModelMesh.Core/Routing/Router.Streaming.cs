using System.Diagnostics;
using System.Runtime.CompilerServices;
using ModelMesh.Cdk;

namespace ModelMesh.Routing;

internal sealed partial class Router
{
    /// <summary>
    /// Streams a chat completion through a pool under the streaming contract: chunks are held back until the
    /// first content (text, refusal or tool call) arrives, so a failure before it fails over invisibly; from
    /// then on chunks flow as they arrive, and a failure ends the stream with
    /// <see cref="StreamInterruptedException"/> carrying what was delivered — never a clean end, never a repeat.
    /// </summary>
    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(RoutingPool pool, RoutingRequest request, ChatCompletionRequest chat, ChatStreamAccumulator delivered, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var retry = pool.Definition.Retry;
        var timeouts = pool.Definition.Timeouts;
        var log = new AttemptLog();
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(retry.TotalTimeout);
        var streamStarted = Stopwatch.GetTimestamp();
        while (true)
        {
            var (member, reservation) = SelectNext(pool, request, log);
            for (var attempt = 1; ; attempt++)
            {
                var started = Stopwatch.GetTimestamp();
                member.Health.BeginRequest(Clock.GetUtcNow());
                var wire = chat.Clone();
                wire.Model = member.Model.WireModel;
                var attemptChunks = new ChatStreamAccumulator();
                var held = new List<ChatCompletionChunk>();
                using var attemptTimer = CancellationTokenSource.CreateLinkedTokenSource(total.Token);
                if (timeouts.FirstToken is TimeSpan firstToken)
                {
                    attemptTimer.CancelAfter(firstToken);
                }
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
                                failure = RouterTimeout(e, member, attemptTimer, total, delivered.HasContent, timeouts, retry) ?? e;
                                break;
                            }
                            if (!more)
                            {
                                break;
                            }
                            var chunk = enumerator.Current;
                            attemptChunks.Add(chunk);
                            if (!delivered.HasContent)
                            {
                                held.Add(chunk);
                                if (!attemptChunks.HasContent)
                                {
                                    continue;
                                }
                                // First content: from here on this attempt owns the stream; release what was held.
                                attemptTimer.CancelAfter(timeouts.Idle ?? Timeout.InfiniteTimeSpan);
                                total.CancelAfter(timeouts.Total is TimeSpan whole ? Remaining(whole, streamStarted) : Timeout.InfiniteTimeSpan);
                                foreach (var pending in held)
                                {
                                    delivered.Add(pending);
                                    yield return pending;
                                }
                                held.Clear();
                                continue;
                            }
                            if (timeouts.Idle is TimeSpan idle)
                            {
                                attemptTimer.CancelAfter(idle); // re-armed per chunk; without an idle timeout no timer runs
                            }
                            delivered.Add(chunk);
                            yield return chunk;
                        }
                    }

                    accounted = true;
                    if (failure is null)
                    {
                        // A clean end (the provider checked the terminator). An answer with no content is still an answer.
                        Succeed(pool, request, member, reservation, StreamUsage(request, attemptChunks), Stopwatch.GetElapsedTime(started));
                        foreach (var pending in held)
                        {
                            delivered.Add(pending);
                            yield return pending;
                        }
                        yield break;
                    }

                    if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
                    {
                        Abandon(member, reservation, request, attemptChunks);
                        throw failure;
                    }
                    var usedSoFar = StreamUsage(request, attemptChunks);
                    if (delivered.HasContent)
                    {
                        member.Health.RecordFailure(Clock.GetUtcNow(), failure is not ProviderException p || FailureHandling.CountsAgainstModel(p), usedSoFar.PromptTokens + usedSoFar.CompletionTokens);
                        var cost = usedSoFar.ReportedCost ?? member.Model.Pricing?.Cost(usedSoFar.PromptTokens, usedSoFar.CompletionTokens) ?? 0m;
                        reservation.Settle(cost);
                        runtime.Services.Usage.Record(member.Model.Id, member.Model.ProviderId, usedSoFar.PromptTokens, usedSoFar.CompletionTokens, cost);
                        pool.Policy.OnCompleted(pool.Snapshot(member), succeeded: false);
                        throw new StreamInterruptedException(delivered.Text, attemptChunks.Usage ?? new Usage((int)usedSoFar.PromptTokens, (int)usedSoFar.CompletionTokens), failure);
                    }
                    if (failure is not ProviderException error)
                    {
                        member.Health.RecordFailure(Clock.GetUtcNow(), countsAgainstModel: false);
                        reservation.Settle(0m);
                        if (total.IsCancellationRequested)
                        {
                            log.Add(member, failure, Stopwatch.GetElapsedTime(started));
                            throw new AllProvidersExhaustedException(pool.Id, log.Attempts);
                        }
                        throw failure;
                    }
                    log.Add(member, error, Stopwatch.GetElapsedTime(started));
                    if (await RetrySameModelAsync(pool, member, reservation, error, attempt, log, total, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }
                    break;
                }
                finally
                {
                    if (!accounted)
                    {
                        // The caller stopped reading (or cancelled) mid-stream: pay for what was used, free the rest.
                        Abandon(member, reservation, request, attemptChunks);
                    }
                }
            }
        }
    }

    /// <summary>Books an attempt the caller gave up on: not the model's fault, charged for what it produced.</summary>
    private void Abandon(PoolMember member, BudgetLedger.Reservation reservation, RoutingRequest request, ChatStreamAccumulator chunks)
    {
        var used = StreamUsage(request, chunks);
        var cost = used.ReportedCost ?? member.Model.Pricing?.Cost(used.PromptTokens, used.CompletionTokens) ?? 0m;
        member.Health.RecordFailure(Clock.GetUtcNow(), countsAgainstModel: false, used.PromptTokens + used.CompletionTokens, cost);
        reservation.Settle(cost);
        runtime.Services.Usage.Record(member.Model.Id, member.Model.ProviderId, used.PromptTokens, used.CompletionTokens, cost);
    }

    /// <summary>
    /// Names a router timeout (first token, idle, total) as a <see cref="ProviderTimeoutException"/>; null when the
    /// exception was not caused by one of the router's own timers.
    /// </summary>
    private static ProviderTimeoutException? RouterTimeout(Exception error, PoolMember member, CancellationTokenSource attemptTimer, CancellationTokenSource total, bool contentDelivered, StreamTimeouts timeouts, RetryOptions retry)
    {
        if (error is not OperationCanceledException)
        {
            return null;
        }
        string what;
        if (total.IsCancellationRequested)
        {
            what = contentDelivered && timeouts.Total is TimeSpan whole
                ? $"the stream's total time of {whole.TotalSeconds:0.###} s ran out"
                : $"the pool's total time of {retry.TotalTimeout.TotalSeconds:0.###} s for one request ran out";
        }
        else if (attemptTimer.IsCancellationRequested)
        {
            what = contentDelivered
                ? $"no chunk arrived for {timeouts.Idle?.TotalSeconds:0.###} s"
                : $"no content arrived within the first-token timeout of {timeouts.FirstToken?.TotalSeconds:0.###} s";
        }
        else
        {
            return null;
        }
        var classification = new ErrorClassification(ProviderErrorCategory.Timeout, IsRetryable: !total.IsCancellationRequested) { Message = what };
        return new ProviderTimeoutException(member.Model.ProviderId, member.Model.WireModel, null, classification, error);
    }

    private static TimeSpan Remaining(TimeSpan whole, long startedTimestamp)
    {
        var left = whole - Stopwatch.GetElapsedTime(startedTimestamp);
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }

    private static CallUsage StreamUsage(RoutingRequest request, ChatStreamAccumulator chunks) =>
        chunks.Usage is { } usage
            ? new CallUsage(usage.PromptTokens, usage.CompletionTokens, usage.Cost)
            : new CallUsage(request.EstimatedPromptTokens, TokenEstimator.FromCharacters(chunks.Text.Length));
}
