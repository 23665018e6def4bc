namespace ModelMesh.Routing;

/// <summary>What the router does after an attempt failed.</summary>
internal enum FailureAction
{
    /// <summary>Send the request to the same model again after a backoff.</summary>
    Retry,
    /// <summary>Try the next candidate.</summary>
    FailOver,
    /// <summary>Give the error to the caller: the request itself is at fault, another model would not help.</summary>
    Throw,
}

/// <summary>Turns a provider failure into health bookkeeping and the router's next step.</summary>
internal static class FailureHandling
{
    /// <summary>Whether a failure says something about the model (rather than about the request).</summary>
    public static bool CountsAgainstModel(ProviderException error) => error.Category switch
    {
        ProviderErrorCategory.ContextLengthExceeded or ProviderErrorCategory.ContentFilter => false,
        ProviderErrorCategory.Client => error.StatusCode == 404,
        _ => true,
    };

    /// <summary>
    /// Records the failure on the model, deactivates what must be deactivated, and decides the next step.
    /// Auth failures take the provider's models out; a quota or long Retry-After cools the model down;
    /// the policy's thresholds apply to everything else.
    /// </summary>
    /// <param name="runtime">The runtime the request runs on.</param>
    /// <param name="pool">The pool.</param>
    /// <param name="member">The model that failed.</param>
    /// <param name="error">How it failed.</param>
    /// <param name="attempt">Attempts made on this model so far (1-based).</param>
    /// <param name="log">The request's attempts.</param>
    /// <param name="now">The current time.</param>
    /// <param name="tokens">Tokens the failed attempt used (a stream that failed part-way).</param>
    /// <param name="cost">What those tokens cost.</param>
    /// <param name="delay">The backoff before a retry.</param>
    public static FailureAction Handle(MeshRuntime runtime, RoutingPool pool, PoolMember member, ProviderException error, int attempt, AttemptLog log, DateTimeOffset now, long tokens, decimal cost, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        member.Health.RecordFailure(now, CountsAgainstModel(error), tokens, cost);
        var retry = pool.Definition.Retry;
        FailureAction action;
        switch (error.Category)
        {
            case ProviderErrorCategory.Authentication:
                runtime.DeactivateProvider(member.Model.ProviderId);
                action = FailureAction.FailOver;
                break;
            case ProviderErrorCategory.QuotaExhausted:
                pool.Deactivate(member, DeactivationReason.QuotaExhausted, now);
                action = FailureAction.FailOver;
                break;
            case ProviderErrorCategory.ContextLengthExceeded:
                log.ContextWindowAbove = Math.Max(log.ContextWindowAbove ?? 0, member.Model.ContextWindow ?? 0);
                action = FailureAction.FailOver;
                break;
            case ProviderErrorCategory.ContentFilter:
                action = FailureAction.Throw;
                break;
            case ProviderErrorCategory.Client when !IsRetryable(error, retry):
                action = error.StatusCode == 404 ? FailureAction.FailOver : FailureAction.Throw;
                break;
            case ProviderErrorCategory.Timeout:
                // A model that did not answer in time is not asked again for this request: the time left is the next model's.
                action = FailureAction.FailOver;
                break;
            default:
                if (IsRetryable(error, retry) && attempt < retry.MaxAttempts && Backoff.Delay(retry, attempt, error.RetryAfter) is TimeSpan wait)
                {
                    action = FailureAction.Retry;
                    delay = wait;
                }
                else
                {
                    action = FailureAction.FailOver;
                    if (error.Category == ProviderErrorCategory.RateLimit && retry.HonorRetryAfter && error.RetryAfter is TimeSpan after && after > TimeSpan.Zero)
                    {
                        // The provider said when it will take requests again: do not send it any before then.
                        pool.Deactivate(member, DeactivationReason.RateLimited, now, Timers.Add(now, after));
                    }
                }
                break;
        }
        var state = pool.ApplyPolicy(member, pool.Snapshot(member), now);
        if (action == FailureAction.Retry && state.Status != ModelStatus.Active)
        {
            action = FailureAction.FailOver;
        }
        pool.Policy.OnCompleted(state, succeeded: false);
        var logger = runtime.Services.Logger;
        if (action == FailureAction.Retry)
        {
            MeshLog.Retrying(logger, member.Model.Id, pool.Id, attempt, error.Category, error.StatusCode, (long)delay.TotalMilliseconds);
        }
        else if (action == FailureAction.FailOver)
        {
            MeshLog.FailingOver(logger, member.Model.Id, pool.Id, error.Category, error.StatusCode);
        }
        return action;
    }

    /// <summary>Whether to send the request to the same model again: the classification, with the upstream's hint when hints are honoured.</summary>
    private static bool IsRetryable(ProviderException error, RetryOptions retry) =>
        retry.HonorRetryAfter ? error.IsRetryable : error.IsRetryableIgnoringHint;
}

/// <summary>Exponential backoff with jitter that honours the provider's requested delay.</summary>
internal static class Backoff
{
    /// <summary>
    /// The wait before retry number <paramref name="attempt"/> (1-based count of attempts made so far), or
    /// null when the provider asked for longer than <see cref="RetryOptions.MaxDelay"/> (fail over instead).
    /// </summary>
    public static TimeSpan? Delay(RetryOptions options, int attempt, TimeSpan? retryAfter)
    {
        if (options.HonorRetryAfter && retryAfter is TimeSpan asked)
        {
            return asked <= options.MaxDelay ? Timers.Clamp(asked) : null;
        }
        var exponential = Timers.Clamp(options.InitialDelay).TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 62));
        var capped = Math.Min(exponential, Timers.Clamp(options.MaxDelay).TotalMilliseconds);
        // "Equal jitter": half fixed, half random, so retries from many callers spread out but never collapse to zero.
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }
}
