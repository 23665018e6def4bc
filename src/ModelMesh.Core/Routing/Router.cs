using System.Diagnostics;
using System.Runtime.ExceptionServices;
using ModelMesh.Cdk;

namespace ModelMesh.Routing;

/// <summary>
/// Sends one request through a pool: filter the candidates, let the policy choose, reserve the budget, call the
/// provider, and on failure retry the same model (retryable errors, with backoff) or fail over to the next,
/// within the pool's attempt and time bounds.
/// </summary>
internal sealed partial class Router(MeshRuntime runtime)
{
    private TimeProvider Clock => runtime.Services.Clock;

    /// <summary>Token counts of a finished call (reported, or estimated when the upstream did not say) and any reported cost.</summary>
    internal readonly record struct CallUsage(long PromptTokens, long CompletionTokens, decimal? ReportedCost = null);

    public async Task<T> ExecuteAsync<T>(RoutingPool pool, RoutingRequest request, Func<PoolMember, CancellationToken, Task<T>> call, Func<T, CallUsage> usageOf, CancellationToken cancellationToken)
    {
        var retry = pool.Definition.Retry;
        var log = new AttemptLog();
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(retry.TotalTimeout);
        while (true)
        {
            var (member, reservation) = SelectNext(pool, request, log);
            for (var attempt = 1; ; attempt++)
            {
                var started = Stopwatch.GetTimestamp();
                member.Health.BeginRequest(Clock.GetUtcNow());
                T result;
                try
                {
                    result = await call(member, total.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    member.Health.RecordFailure(Clock.GetUtcNow(), countsAgainstModel: false);
                    reservation.Settle(0m);
                    throw;
                }
                catch (OperationCanceledException e) when (total.IsCancellationRequested)
                {
                    member.Health.RecordFailure(Clock.GetUtcNow(), countsAgainstModel: false);
                    reservation.Settle(0m);
                    log.Add(member, new TimeoutException($"The pool's total time of {retry.TotalTimeout.TotalSeconds:0.###} s for one request ran out.", e), Stopwatch.GetElapsedTime(started));
                    throw new AllProvidersExhaustedException(pool.Id, log.Attempts);
                }
                catch (ProviderException error)
                {
                    log.Add(member, error, Stopwatch.GetElapsedTime(started));
                    if (await RetrySameModelAsync(pool, member, reservation, error, attempt, log, total, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }
                    break;
                }
                catch
                {
                    // Not a provider failure (a bug or a misuse): book nothing against the model, hold no money.
                    member.Health.RecordFailure(Clock.GetUtcNow(), countsAgainstModel: false);
                    reservation.Settle(0m);
                    throw;
                }
                Succeed(pool, request, member, reservation, usageOf(result), Stopwatch.GetElapsedTime(started));
                return result;
            }
        }
    }

    /// <summary>
    /// After a failed attempt: true to retry the same model (the backoff has been waited), false to fail over.
    /// Throws the error itself when the request is at fault, and <see cref="AllProvidersExhaustedException"/>
    /// when the request's time has run out.
    /// </summary>
    private async Task<bool> RetrySameModelAsync(RoutingPool pool, PoolMember member, BudgetLedger.Reservation reservation, ProviderException error, int attempt, AttemptLog log, CancellationTokenSource total, CancellationToken cancellationToken)
    {
        var action = FailureHandling.Handle(runtime, pool, member, error, attempt, log, Clock.GetUtcNow(), out var delay);
        if (action == FailureAction.Throw)
        {
            reservation.Settle(0m);
            ExceptionDispatchInfo.Throw(error);
        }
        if (action == FailureAction.Retry && await WaitAsync(delay, total.Token, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }
        reservation.Settle(0m);
        log.MarkTried(member.Model.Id);
        if (total.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new AllProvidersExhaustedException(pool.Id, log.Attempts);
        }
        return false;
    }

    /// <summary>Chooses the next model for a request and reserves its estimated cost.</summary>
    /// <exception cref="NoActiveModelException">No model of the pool can take the request and none was tried.</exception>
    /// <exception cref="BudgetExceededException">Only the budget stands in the way.</exception>
    /// <exception cref="AllProvidersExhaustedException">Every eligible model has been tried, or the model bound was reached.</exception>
    private (PoolMember Member, BudgetLedger.Reservation Reservation) SelectNext(RoutingPool pool, RoutingRequest request, AttemptLog log)
    {
        var ledger = runtime.Services.Budget;
        while (true)
        {
            var states = pool.Refresh();
            var exclusions = new List<string>();
            var eligible = new List<(PoolMember Member, ModelState State)>();
            if (pool.Definition.Retry.MaxModels is int most && log.ModelsTried >= most)
            {
                throw new AllProvidersExhaustedException(pool.Id, log.Attempts);
            }
            foreach (var (member, state) in states)
            {
                var why = CandidateFilter.Exclusion(state, request, log, ledger);
                if (why is null)
                {
                    eligible.Add((member, state));
                }
                else
                {
                    exclusions.Add($"{member.Model.Id}: {why}");
                }
            }
            if (eligible.Count == 0)
            {
                if (log.Attempts.Count > 0)
                {
                    throw new AllProvidersExhaustedException(pool.Id, log.Attempts);
                }
                if (log.BudgetRefusal is { } refusal && exclusions.All(e => e.Contains("budget", StringComparison.Ordinal) || e.Contains("standby", StringComparison.Ordinal)))
                {
                    throw refusal;
                }
                throw new NoActiveModelException(pool.Id, exclusions.Count == 0 ? "the pool has no models" : string.Join("; ", exclusions));
            }
            var choice = pool.Policy.Select(eligible.Select(e => e.State).ToArray(), request);
            var chosen = eligible.First(e => ReferenceEquals(e.State, choice.Model) || e.State.ModelId == choice.Model.ModelId).Member;
            var reservation = ledger.TryReserve(chosen.Model.ProviderId, request.EstimateCost(chosen.Model), out var refused);
            if (reservation is not null)
            {
                return (chosen, reservation);
            }
            // Another request took the budget between the check and the reservation: this model is out for now.
            log.BudgetRefusal ??= refused;
            log.MarkTried(chosen.Model.Id);
        }
    }

    private void Succeed(RoutingPool pool, RoutingRequest request, PoolMember member, BudgetLedger.Reservation reservation, CallUsage usage, TimeSpan latency)
    {
        var cost = usage.ReportedCost ?? member.Model.Pricing?.Cost(usage.PromptTokens, usage.CompletionTokens) ?? 0m;
        reservation.Settle(cost);
        request.Trace?.Answered(member);
        member.Health.RecordSuccess(Clock.GetUtcNow(), latency, usage.PromptTokens + usage.CompletionTokens, cost);
        runtime.Services.Usage.Record(member.Model.Id, member.Model.ProviderId, usage.PromptTokens, usage.CompletionTokens, cost);
        pool.Policy.OnCompleted(pool.Snapshot(member), succeeded: true);
    }

    /// <summary>Waits before a retry; false when the request's time ran out first (fail over or give up instead).</summary>
    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken total, CancellationToken caller)
    {
        try
        {
            await Task.Delay(delay, Clock, total).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>What the router would choose for a request, without sending it or changing any state.</summary>
    public RoutingExplanation Explain(RoutingPool pool, RoutingRequest request)
    {
        var log = new AttemptLog();
        var candidates = new List<CandidateExplanation>();
        var eligible = new List<ModelState>();
        foreach (var member in pool.Members)
        {
            var state = pool.Snapshot(member);
            // Show a model whose cooldown has passed as the next request would see it, without reactivating it.
            if (state.Status == ModelStatus.Standby && pool.Policy.ShouldRecover(state))
            {
                state = state with { Status = ModelStatus.Active, DeactivationReason = null, CooldownUntil = null };
            }
            var why = CandidateFilter.Exclusion(state, request, log, runtime.Services.Budget)
                ?? (pool.Policy.ShouldDeactivate(state) ? $"would be deactivated ({pool.Policy.GetReason(state)})" : null);
            if (why is null)
            {
                eligible.Add(state);
            }
            candidates.Add(new CandidateExplanation
            {
                ModelId = member.Model.Id,
                ProviderId = member.Model.ProviderId,
                ExcludedBecause = why,
                Score = why is null ? pool.Policy.Score(state, request) : null,
                EstimatedCost = request.EstimateCost(member.Model),
                State = state,
            });
        }
        var choice = eligible.Count > 0 ? pool.Policy.Select(eligible, request) : null;
        return new RoutingExplanation
        {
            PoolId = pool.Id,
            Strategy = pool.Policy.Id,
            Capability = pool.Definition.Capability,
            SelectedModel = choice?.Model.ModelId,
            Reason = choice?.Reason ?? (candidates.Count == 0 ? "the pool has no models" : "no model is eligible: " + string.Join("; ", candidates.Select(c => $"{c.ModelId}: {c.ExcludedBecause}"))),
            EstimatedPromptTokens = request.EstimatedPromptTokens,
            Candidates = candidates,
        };
    }
}
