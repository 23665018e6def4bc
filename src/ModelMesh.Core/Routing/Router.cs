using System.Diagnostics;
using System.Runtime.ExceptionServices;
using ModelMesh.Cdk;
using ModelMesh.Telemetry;

namespace ModelMesh.Routing;

/// <summary>
/// Sends one request through a pool: filter the candidates, let the policy choose, reserve the budget, call the
/// provider, and on failure retry the same model (retryable errors, with backoff) or fail over to the next,
/// within the pool's attempt and time bounds. The caller's cancellation ends the request at once and is nobody's
/// failure; a timeout of the upstream is its model's failure.
/// </summary>
internal sealed partial class Router(MeshRuntime runtime)
{
    private TimeProvider Clock => runtime.Services.Clock;

    /// <summary>
    /// Token counts of a finished call (reported, or estimated when the upstream did not say), any reported cost,
    /// and the model the upstream says answered.
    /// </summary>
    internal readonly record struct CallUsage(long PromptTokens, long CompletionTokens, decimal? ReportedCost = null)
    {
        public string? ResponseModel { get; init; }
    }

    /// <summary>
    /// A model chosen for a request: its pool member, the money held for it, the output bound to send (null: the
    /// request as the caller wrote it) and whether another model could still follow it. A struct: one per attempt
    /// chain, passed along, never shared.
    /// </summary>
    internal readonly record struct Choice(PoolMember Member, BudgetLedger.Reservation Reservation, int? OutputCap, bool AnotherMayFollow)
    {
        /// <summary>When the choice was made, by the mesh's clock.</summary>
        public DateTimeOffset At { get; init; }
    }

    /// <summary>What to do after a failed attempt.</summary>
    private enum Next
    {
        Retry,
        FailOver,
    }

    /// <summary>Whether a request's span is made (anyone listens to the mesh's spans, or content is logged): then it needs its <see cref="RoutingOutcome"/>.</summary>
    internal bool IsObserved => MeshActivities.Source.HasListeners() || runtime.Services.LogContent;

    /// <summary>
    /// Routes one call; when anyone listens to the mesh's spans (or content is logged), in a request span
    /// (<see cref="MeshActivities.StartRequest"/>) that ends with the call and carries what ended it.
    /// </summary>
    public Task<T> ExecuteAsync<T>(RoutingPool pool, RoutingRequest request, Func<PoolMember, int?, CancellationToken, Task<T>> call, Func<T, CallUsage> usageOf, CancellationToken cancellationToken) =>
        ExecuteAsync(pool, request, (call, usageOf), static (state, member, outputCap, token) => state.call(member, outputCap, token), static (state, result) => state.usageOf(result), cancellationToken);

    /// <summary>
    /// Routes one call like <see cref="ExecuteAsync{T}(RoutingPool, RoutingRequest, Func{PoolMember, int?, CancellationToken, Task{T}}, Func{T, CallUsage}, CancellationToken)"/>,
    /// with the call's <paramref name="state"/> passed to <paramref name="call"/> and <paramref name="usageOf"/>: static
    /// lambdas then capture nothing, and a request allocates no closure and no delegate.
    /// </summary>
    /// <remarks>
    /// <paramref name="lease"/>, when given, is the caller's hold on the runtime, released when the call ends: a client
    /// then returns this task as its own, without an async method of its own around it.
    /// </remarks>
    public Task<T> ExecuteAsync<TState, T>(RoutingPool pool, RoutingRequest request, TState state, Func<TState, PoolMember, int?, CancellationToken, Task<T>> call, Func<TState, T, CallUsage> usageOf, CancellationToken cancellationToken, MeshRuntime.Lease? lease = null) =>
        IsObserved
            ? ObservedAsync(pool, request, state, call, usageOf, lease, cancellationToken)
            : RouteAsync(pool, request, state, call, usageOf, null, lease, cancellationToken);

    private async Task<T> ObservedAsync<TState, T>(RoutingPool pool, RoutingRequest request, TState state, Func<TState, PoolMember, int?, CancellationToken, Task<T>> call, Func<TState, T, CallUsage> usageOf, MeshRuntime.Lease? lease, CancellationToken cancellationToken)
    {
        // Started here, inside the async method, so the span is current for the call and no longer after it.
        using var span = MeshActivities.StartRequest(pool, OperationCapabilities.Name(request.Operation), request.Trace?.RequestedModel);
        ContentCapture.Prompt(runtime.Services, span, pool, request.Chat);
        try
        {
            var result = await RouteAsync(pool, request, state, call, usageOf, span, lease, cancellationToken).ConfigureAwait(false);
            if (result is ChatCompletion completion)
            {
                ContentCapture.Answer(runtime.Services, span, pool, request.Trace?.ModelId, completion);
            }
            return result;
        }
        catch (Exception e) when (MeshActivities.RequestFailed(span, e, cancellationToken))
        {
            throw; // never reached: the filter only marks the span
        }
    }

    private async Task<T> RouteAsync<TState, T>(RoutingPool pool, RoutingRequest request, TState state, Func<TState, PoolMember, int?, CancellationToken, Task<T>> call, Func<TState, T, CallUsage> usageOf, Activity? span, MeshRuntime.Lease? lease, CancellationToken cancellationToken)
    {
        using var release = new Release(lease);
        cancellationToken.ThrowIfCancellationRequested();
        var retry = pool.Definition.Retry;
        var log = new AttemptLog();
        var deadline = new RequestDeadline(retry.TotalTimeout, retry.AttemptTimeout);
        var attempts = 0;
        while (true)
        {
            var choice = SelectNext(pool, request, log);
            var member = choice.Member;
            for (var attempt = 1; ; attempt++)
            {
                // One source per attempt: the caller's token (linked only when it can cancel) and one timer for
                // whichever ends first, the attempt's share of the time or the request's total.
                using var attemptTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var limit = deadline.ForAttempt(choice.AnotherMayFollow);
                var armedForTotal = RequestDeadline.Arm(attemptTimer, limit, deadline.Remaining);
                var started = Stopwatch.GetTimestamp();
                member.Health.BeginRequest(Clock.GetUtcNow());
                request.Trace?.Attempted(member.Model.Id);
                using var telemetry = AttemptTelemetry.Start(runtime.Services.Metrics, span, OperationCapabilities.Name(request.Operation), pool.Id, member, ++attempts);
                T result;
                try
                {
                    result = await call(state, member, choice.OutputCap, attemptTimer.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (cancellationToken.IsCancellationRequested)
                {
                    telemetry.Cancelled(default);
                    Cancelled(member, choice.Reservation, default);
                    throw CallerCancelled(e, cancellationToken);
                }
                catch (Exception e) when (AsProviderFailure(e, member, attemptTimer, armedForTotal, limit, deadline) is { } error)
                {
                    log.Add(member, error, Stopwatch.GetElapsedTime(started));
                    telemetry.Failed(error, cancellationToken);
                    var outOfTime = armedForTotal && attemptTimer.IsCancellationRequested;
                    if (await AfterFailureAsync(pool, choice, error, attempt, log, deadline, outOfTime, default, telemetry, cancellationToken).ConfigureAwait(false) == Next.Retry)
                    {
                        continue;
                    }
                    break;
                }
                catch (Exception e)
                {
                    // Not a provider failure (a bug or a misuse): book nothing against the model, hold no money.
                    telemetry.Failed(e, cancellationToken);
                    member.Health.RecordFailure(Clock.GetUtcNow(), countsAgainstModel: false);
                    choice.Reservation.Settle(0m);
                    throw;
                }
                Succeed(pool, request, member, choice.Reservation, usageOf(state, result), Stopwatch.GetElapsedTime(started), telemetry);
                return result;
            }
        }
    }

    /// <summary>Releases a caller's lease, if it handed one over, when the call ends.</summary>
    private readonly struct Release(MeshRuntime.Lease? lease) : IDisposable
    {
        public void Dispose() => lease?.Dispose();
    }

    /// <summary>
    /// After a failed attempt (already logged): books it, then retries the same model (after its backoff) or fails
    /// over. Throws the error itself when the request is at fault, <see cref="AllProvidersExhaustedException"/> when
    /// the request's time has run out (<paramref name="outOfTime"/>: the attempt's timer that ended it stood for the
    /// total), and <see cref="OperationCanceledException"/> when the caller gives up meanwhile.
    /// </summary>
    /// <remarks>
    /// <c>used</c> is what the failed attempt consumed (a stream that failed before its first output): charged, not refunded.
    /// </remarks>
    private async Task<Next> AfterFailureAsync(RoutingPool pool, Choice choice, ProviderException error, int attempt, AttemptLog log, RequestDeadline deadline, bool outOfTime, CallUsage used, AttemptTelemetry telemetry, CancellationToken cancellationToken)
    {
        var member = choice.Member;
        var spent = CostOf(member, used);
        var action = FailureHandling.Handle(runtime, pool, member, error, attempt, log, Clock.GetUtcNow(), used.PromptTokens + used.CompletionTokens, spent, out var delay);
        if (spent > 0m)
        {
            runtime.Services.Usage.Record(member.Model.Id, member.Model.ProviderId, used.PromptTokens, used.CompletionTokens, spent);
        }
        if (action == FailureAction.Throw)
        {
            choice.Reservation.Settle(spent);
            ExceptionDispatchInfo.Throw(error);
        }
        outOfTime |= deadline.IsOver;
        if (action == FailureAction.Retry && !outOfTime)
        {
            if (spent > 0m)
            {
                // Billed already; the reservation stays held for the retry.
                runtime.Services.Budget.Charge(member.Model.ProviderId, spent);
                spent = 0m;
            }
            // The backoff waits on the mesh's clock, bounded by what is left of the request's time (a real timer,
            // like the attempts'); a source of its own, made only on this path.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Timers.Arm(wait, deadline.Remaining);
            try
            {
                await Task.Delay(Timers.Clamp(delay), Clock, wait.Token).ConfigureAwait(false);
                return Next.Retry;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                choice.Reservation.Settle(0m);
                throw;
            }
            catch (OperationCanceledException)
            {
                // The request's time ran out during the backoff.
                outOfTime = true;
            }
        }
        choice.Reservation.Settle(spent);
        log.MarkTried(member.Model.Id);
        if (outOfTime || deadline.IsOver)
        {
            throw new AllProvidersExhaustedException(pool.Id, log.Attempts);
        }
        telemetry.FailedOver(error.Category);
        return Next.FailOver;
    }

    /// <summary>
    /// The provider failure an attempt's exception stands for: a <see cref="ProviderException"/> as it is, and the
    /// router's own timer (the attempt's share of the time, or the request's total when
    /// <paramref name="armedForTotal"/>) as a timeout of the upstream; null for anything else (a bug, which is not the model's fault).
    /// </summary>
    private static ProviderException? AsProviderFailure(Exception error, PoolMember member, CancellationTokenSource attemptTimer, bool armedForTotal, TimeSpan limit, RequestDeadline deadline)
    {
        if (error is ProviderException provider)
        {
            return provider;
        }
        if (error is not OperationCanceledException || !attemptTimer.IsCancellationRequested)
        {
            return null;
        }
        var what = armedForTotal
            ? $"no answer before the pool's total time of {Seconds(deadline.Total)} for one request ran out"
            : $"no answer within the {Seconds(limit)} this attempt had (the rest of the request's time is kept for failover)";
        return TimedOut(member, what, error);
    }

    private static ProviderTimeoutException TimedOut(PoolMember member, string what, Exception cause) =>
        new(member.Model.ProviderId, member.Model.WireModel, null, new ErrorClassification(ProviderErrorCategory.Timeout, IsRetryable: false) { Message = what }, cause);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";

    /// <summary>The exception a caller's cancellation surfaces as: the original when it already is one.</summary>
    private static Exception CallerCancelled(Exception error, CancellationToken cancellationToken) =>
        error as OperationCanceledException ?? new OperationCanceledException("The caller cancelled the request.", error, cancellationToken);

    /// <summary>
    /// Chooses the next model for a request and reserves its estimated cost. <c>log</c> is what the request tried so
    /// far; null for a request that has tried nothing yet.
    /// </summary>
    /// <exception cref="NoActiveModelException">No model of the pool can take the request and none was tried.</exception>
    /// <exception cref="BudgetExceededException">Only the budget stands in the way.</exception>
    /// <exception cref="AllProvidersExhaustedException">Every eligible model has been tried, or the model bound was reached.</exception>
    private Choice SelectNext(RoutingPool pool, RoutingRequest request, AttemptLog? log)
    {
        var eligible = pool.RentCandidates();
        try
        {
            return SelectNext(pool, request, log, eligible);
        }
        finally
        {
            pool.Return(eligible);
        }
    }

    private Choice SelectNext(RoutingPool pool, RoutingRequest request, AttemptLog? log, CandidateBuffer eligible)
    {
        var ledger = runtime.Services.Budget;
        var most = pool.Definition.Retry.MaxModels;
        var policy = pool.Policy;
        while (true)
        {
            if (most is int bound && log is not null && log.ModelsTried >= bound)
            {
                throw new AllProvidersExhaustedException(pool.Id, log.Attempts);
            }
            eligible.Clear();
            // The clock read once for the decision: the members' figures, the ledger's day and the attempt's start.
            var now = policy.TimeProvider.GetUtcNow();
            var (excluded, onlyBudgetOrStandby) = policy.IsBuiltIn
                ? FillFromFigures(pool, request, now, ref log, eligible)
                : FillFromRecords(pool, request, ref log, eligible, ledger);
            if (eligible.Count == 0)
            {
                throw NoCandidate(pool, request, log, excluded, onlyBudgetOrStandby);
            }
            // A built-in policy selects from the buffer's figures and keeps nothing of it; a custom one gets records, its own copy.
            var chosen = policy.IsBuiltIn ? eligible.MemberAt(policy.FastSelect(eligible, request)) : MemberOf(eligible, policy.Select(eligible.ToArray(), request).Model);
            var ledgerNow = ReferenceEquals(policy.TimeProvider, Clock) ? now : Clock.GetUtcNow();
            var reservation = ledger.TryReserve(request, chosen.Model, ledgerNow, out var plan, out var refused);
            if (reservation is { } held)
            {
                var anotherMayFollow = eligible.Count > 1 && (most is not int limit || (log?.ModelsTried ?? 0) + 1 < limit);
                MeshLog.Routed(runtime.Services.Logger, pool.Id, chosen.Model.Id, pool.Definition.Strategy);
                return new Choice(chosen, held, plan.OutputCap, anotherMayFollow) { At = ledgerNow };
            }
            // Another request took the budget between the check and the reservation: this model is out for now.
            log ??= new AttemptLog();
            log.BudgetRefusal ??= refused;
            log.MarkTried(chosen.Model.Id);
        }
    }

    /// <summary>
    /// The eligible members by their kept figures (built-in policies): a member unchanged since the last decision
    /// costs a version check and the filter, with no lock and no record; a changed one is read again under its lock;
    /// only a member on standby or due for deactivation takes the records path (<see cref="RoutingPool.Refresh(PoolMember, DateTimeOffset)"/>).
    /// </summary>
    private (bool Excluded, bool OnlyBudgetOrStandby) FillFromFigures(RoutingPool pool, RoutingRequest request, DateTimeOffset now, ref AttemptLog? log, CandidateBuffer eligible)
    {
        var policy = pool.Policy;
        var facts = pool.Facts;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var errorRateWindow = policy.Options.ErrorRateWindow;
        var latencyWindow = policy.ReadsLatency ? Math.Max(policy.Options.LatencyWindow, 1) : 0;
        var budget = runtime.Services.Budget.Limits ? runtime.Services.Budget : null;
        var standing = budget?.Stand();
        // A first choice without budget limits is decided on the prepared facts alone (the filter's first four
        // checks, the only ones that can apply then); a retry or a budget takes the full filter.
        var onFacts = log is null && budget is null && (uint)request.Operation < 31; // (an unknown operation: the filter names it)
        var operation = 1 << ((int)request.Operation & 31);
        var required = request.RequiredFeatures;
        var output = request.RequestedOutputTokens is int asked ? asked : long.MinValue;
        var needed = (long)request.EstimatedPromptTokens + (request.RequestedOutputTokens ?? 0);
        var excluded = false;
        var onlyBudgetOrStandby = true;
        for (var i = 0; i < facts.Length; i++)
        {
            ref readonly var fact = ref facts[i];
            var health = fact.Health;
            ref var figures = ref eligible.Figures(i);
            if (figures.Version != health.Version || figures.Day != today || !ReferenceEquals(figures.Definition, health.Definition))
            {
                Read(policy, health, now, errorRateWindow, latencyWindow, ref figures);
            }
            if (figures.Status != ModelStatus.Active || figures.Verdict is not null)
            {
                // Recovery and deactivation decided on a record, as for any policy; rare (a member changing state).
                var state = pool.Refresh(pool.Members[i], now);
                if (state.Status != ModelStatus.Active)
                {
                    excluded = true;
                    continue;
                }
                if (figures.Version != health.Version)
                {
                    Read(policy, health, now, errorRateWindow, latencyWindow, ref figures);
                }
            }
            if (onFacts && ReferenceEquals(figures.Definition, fact.Model))
            {
                if ((fact.Operations & operation) == 0 || (required & fact.Unsupported) != ModelFeatures.None || output > fact.MaxOutput || needed > fact.ContextWindow)
                {
                    excluded = true;
                    onlyBudgetOrStandby = false;
                }
                else
                {
                    eligible.Add(i);
                }
                continue;
            }
            if (CandidateFilter.Exclude(figures.Definition, request, log, budget, standing) is { } why)
            {
                excluded = true;
                onlyBudgetOrStandby &= why.Reason is ExclusionReason.Budget;
                if (why.Refusal is { } refusal)
                {
                    (log ??= new AttemptLog()).BudgetRefusal ??= refusal;
                }
            }
            else
            {
                eligible.Add(i);
            }
        }
        return (excluded, onlyBudgetOrStandby);
    }

    private static void Read(BaseRotationPolicy policy, ModelHealth health, DateTimeOffset now, int errorRateWindow, int latencyWindow, ref HealthFigures figures)
    {
        health.Read(now, errorRateWindow, latencyWindow, ref figures);
        figures.Verdict = figures.Status == ModelStatus.Active ? policy.FastReason(in figures) : null;
    }

    /// <summary>The eligible members with their records (custom policies, which take <see cref="ModelState"/>).</summary>
    private static (bool Excluded, bool OnlyBudgetOrStandby) FillFromRecords(RoutingPool pool, RoutingRequest request, ref AttemptLog? log, CandidateBuffer eligible, BudgetLedger ledger)
    {
        var members = pool.Members;
        var now = pool.Policy.TimeProvider.GetUtcNow();
        var budget = ledger.Limits ? ledger : null;
        var excluded = false;
        var onlyBudgetOrStandby = true;
        for (var i = 0; i < members.Count; i++)
        {
            var state = pool.Refresh(members[i], now);
            if (CandidateFilter.Exclude(state, request, log, budget) is { } why)
            {
                excluded = true;
                onlyBudgetOrStandby &= why.Reason is ExclusionReason.Budget or ExclusionReason.Standby;
                if (why.Refusal is { } refusal)
                {
                    (log ??= new AttemptLog()).BudgetRefusal ??= refusal;
                }
            }
            else
            {
                eligible.Add(i, state);
            }
        }
        return (excluded, onlyBudgetOrStandby);
    }

    /// <summary>
    /// Why no model can take the request, as the exception to throw. Only now are the exclusions put in words: the
    /// members are read again, which changes nothing (the states were refreshed an instant ago).
    /// </summary>
    private Exception NoCandidate(RoutingPool pool, RoutingRequest request, AttemptLog? log, bool excluded, bool onlyBudgetOrStandby)
    {
        if (log is not null && log.Attempts.Count > 0)
        {
            return new AllProvidersExhaustedException(pool.Id, log.Attempts);
        }
        if (log?.BudgetRefusal is { } refusal && onlyBudgetOrStandby)
        {
            MeshLog.BudgetRefused(runtime.Services.Logger, refusal.LimitType, pool.Id);
            return refusal;
        }
        var why = "the pool has no models";
        if (excluded)
        {
            var reasons = new System.Text.StringBuilder();
            foreach (var member in pool.Members)
            {
                if (CandidateFilter.Exclude(pool.Current(member), request, log, runtime.Services.Budget) is { } exclusion)
                {
                    reasons.Append(reasons.Length == 0 ? string.Empty : "; ").Append(member.Model.Id).Append(": ").Append(exclusion.Describe());
                }
            }
            why = reasons.ToString();
        }
        return new NoActiveModelException(pool.Id, runtime.Discovery?.FailuresFor(pool.Definition) is { } failed ? $"{why} ({failed})" : why);
    }

    /// <summary>The member behind the state a policy chose (the same instance, or, from a policy that made its own copy, the same id).</summary>
    private static PoolMember MemberOf(CandidateBuffer eligible, ModelState chosen)
    {
        for (var i = 0; i < eligible.Count; i++)
        {
            if (ReferenceEquals(eligible[i], chosen))
            {
                return eligible.MemberAt(i);
            }
        }
        for (var i = 0; i < eligible.Count; i++)
        {
            if (string.Equals(eligible[i].ModelId, chosen.ModelId, StringComparison.Ordinal))
            {
                return eligible.MemberAt(i);
            }
        }
        throw new InvalidOperationException($"The rotation policy chose '{chosen.ModelId}', which is not one of the candidates it was given.");
    }

    private void Succeed(RoutingPool pool, RoutingRequest request, PoolMember member, BudgetLedger.Reservation reservation, CallUsage usage, TimeSpan latency, AttemptTelemetry telemetry)
    {
        telemetry.Succeeded(usage);
        Settle(pool, request, member, reservation, usage, latency);
    }

    /// <summary>
    /// The routing decision and its bookkeeping without a call: choose and reserve as a request does, count the
    /// attempt started, then book it as answered with <paramref name="usage"/> after <paramref name="latency"/>.
    /// What the decision benchmark measures (the work the router adds to every successful request but the call), for
    /// a request's first choice (nothing tried yet: no attempt log).
    /// </summary>
    internal PoolMember Decide(RoutingPool pool, RoutingRequest request, CallUsage usage, TimeSpan latency)
    {
        var choice = SelectNext(pool, request, null);
        // No call between the choice and the attempt's start: the instant of the choice is the attempt's.
        choice.Member.Health.BeginRequest(choice.At);
        Settle(pool, request, choice.Member, choice.Reservation, usage, latency);
        return choice.Member;
    }

    /// <summary>Books an answered attempt: money settled, health and usage recorded, the policy told.</summary>
    private void Settle(RoutingPool pool, RoutingRequest request, PoolMember member, BudgetLedger.Reservation reservation, CallUsage usage, TimeSpan latency)
    {
        var cost = CostOf(member, usage);
        var now = Clock.GetUtcNow();
        reservation.Settle(cost, now);
        request.Trace?.Answered(member.Model.Id, member.Model.ProviderId);
        member.Health.RecordSuccess(now, latency, usage.PromptTokens + usage.CompletionTokens, cost);
        runtime.Services.Usage.Record(member.Model.Id, member.Model.ProviderId, usage.PromptTokens, usage.CompletionTokens, cost);
        if (!pool.Policy.IsBuiltIn)
        {
            // No built-in policy learns from a success (stick-until-failure lets go on a failure), so only a custom
            // one is told, with the record it takes.
            pool.Policy.OnCompleted(pool.Current(member), succeeded: true);
        }
    }

    /// <summary>Books an attempt the caller gave up on: not the model's fault, charged for what it produced.</summary>
    private void Cancelled(PoolMember member, BudgetLedger.Reservation reservation, CallUsage used)
    {
        var cost = CostOf(member, used);
        member.Health.RecordFailure(Clock.GetUtcNow(), countsAgainstModel: false, used.PromptTokens + used.CompletionTokens, cost);
        reservation.Settle(cost);
        if (used.PromptTokens + used.CompletionTokens > 0 || cost > 0m)
        {
            runtime.Services.Usage.Record(member.Model.Id, member.Model.ProviderId, used.PromptTokens, used.CompletionTokens, cost);
        }
    }

    private static decimal CostOf(PoolMember member, CallUsage usage) =>
        usage.ReportedCost ?? (usage.PromptTokens + usage.CompletionTokens == 0 ? 0m : member.Model.Pricing?.Cost(usage.PromptTokens, usage.CompletionTokens) ?? 0m);

    /// <summary>What the router would choose for a request, without sending it or changing any state.</summary>
    public RoutingExplanation Explain(RoutingPool pool, RoutingRequest request)
    {
        var log = new AttemptLog();
        var candidates = new List<CandidateExplanation>();
        var eligible = new List<ModelState>();
        var ledger = runtime.Services.Budget;
        foreach (var member in pool.Members)
        {
            var state = pool.Snapshot(member);
            // Show a model whose cooldown has passed as the next request would see it, without reactivating it.
            if (state.Status == ModelStatus.Standby && pool.Policy.ShouldRecover(state))
            {
                state = state with { Status = ModelStatus.Active, DeactivationReason = null, CooldownUntil = null };
            }
            var why = CandidateFilter.Exclude(state, request, log, ledger)
                ?? (pool.Policy.ShouldDeactivate(state) ? new Exclusion(ExclusionReason.WouldBeDeactivated) { Deactivation = pool.Policy.GetReason(state) } : null);
            if (why is null)
            {
                eligible.Add(state);
            }
            candidates.Add(new CandidateExplanation
            {
                ModelId = member.Model.Id,
                ProviderId = member.Model.ProviderId,
                Exclusion = why?.Reason,
                ExcludedBecause = why?.Describe(),
                Score = why is null ? pool.Policy.Score(state, request) : null,
                EstimatedCost = OutputBound.Estimate(request, member.Model, ledger),
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
            Reason = choice?.Reason ?? WithDiscoveryFailures(pool, candidates.Count == 0 ? "the pool has no models" : "no model is eligible: " + string.Join("; ", candidates.Select(c => $"{c.ModelId}: {c.ExcludedBecause}"))),
            EstimatedPromptTokens = request.EstimatedPromptTokens,
            Candidates = candidates,
        };
    }

    private string WithDiscoveryFailures(RoutingPool pool, string why) =>
        runtime.Discovery?.FailuresFor(pool.Definition) is { } failed ? $"{why} ({failed})" : why;
}
