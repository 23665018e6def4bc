namespace ModelMesh.Routing;

/// <summary>
/// Money spent and reserved against <see cref="BudgetOptions"/>. A request reserves its estimate before it is
/// sent (atomically against every limit) and settles with its real cost after; a failed request releases its
/// reservation and pays what it used.
/// </summary>
internal sealed class BudgetLedger(BudgetOptions options, TimeProvider clock)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, decimal> _providerSpent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _providerReserved = new(StringComparer.Ordinal);
    private DateOnly _day;
    private (int Year, int Month) _month;
    private decimal _daySpent;
    private decimal _monthSpent;
    private decimal _reserved;

    /// <summary>The limits; a config reload replaces them while spend carries on.</summary>
    public BudgetOptions Options
    {
        get => Volatile.Read(ref _options);
        set => Volatile.Write(ref _options, value);
    }

    private BudgetOptions _options = options;

    /// <summary>Which limit <paramref name="estimate"/> would break now, without reserving it.</summary>
    public BudgetExceededException? Check(string providerId, decimal estimate)
    {
        lock (_gate)
        {
            Roll();
            return CheckLocked(providerId, estimate);
        }
    }

    /// <summary>Reserves <paramref name="estimate"/> for a request to <paramref name="providerId"/>, or says which limit it would break.</summary>
    public Reservation? TryReserve(string providerId, decimal estimate, out BudgetExceededException? refusal)
    {
        refusal = null;
        lock (_gate)
        {
            Roll();
            refusal = CheckLocked(providerId, estimate);
            if (refusal is not null)
            {
                return null;
            }
            _reserved += estimate;
            _providerReserved[providerId] = _providerReserved.GetValueOrDefault(providerId) + estimate;
            return new Reservation(this, providerId, estimate);
        }
    }

    public BudgetStatus Status()
    {
        lock (_gate)
        {
            Roll();
            var exceeded = Reached(Options.DailyLimit, _daySpent, 1.0) || Reached(Options.MonthlyLimit, _monthSpent, 1.0);
            var alert = Reached(Options.DailyLimit, _daySpent, Options.AlertThreshold) || Reached(Options.MonthlyLimit, _monthSpent, Options.AlertThreshold);
            return new BudgetStatus
            {
                DailyUsed = _daySpent,
                DailyLimit = Options.DailyLimit,
                MonthlyUsed = _monthSpent,
                MonthlyLimit = Options.MonthlyLimit,
                Reserved = _reserved,
                Exceeded = exceeded,
                Alert = alert,
            };
        }
    }

    private void Settle(Reservation reservation, decimal actual)
    {
        lock (_gate)
        {
            Roll();
            _reserved -= reservation.Amount;
            _providerReserved[reservation.ProviderId] -= reservation.Amount;
            _daySpent += actual;
            _monthSpent += actual;
            _providerSpent[reservation.ProviderId] = _providerSpent.GetValueOrDefault(reservation.ProviderId) + actual;
        }
    }

    private BudgetExceededException? CheckLocked(string providerId, decimal estimate)
    {
        if (!Options.Enforce)
        {
            return null;
        }
        return Check(Options.PerRequestLimit, 0m, estimate, "per_request")
            ?? Check(Options.DailyLimit, _daySpent + _reserved, estimate, "daily")
            ?? Check(Options.MonthlyLimit, _monthSpent + _reserved, estimate, "monthly")
            ?? (Options.ProviderDailyLimits.TryGetValue(providerId, out var providerLimit)
                ? Check(providerLimit, _providerSpent.GetValueOrDefault(providerId) + _providerReserved.GetValueOrDefault(providerId), estimate, "provider:" + providerId)
                : null);
    }

    private static BudgetExceededException? Check(decimal? limit, decimal committed, decimal estimate, string type) =>
        limit is decimal max && committed + estimate > max ? new BudgetExceededException(type, max, committed + estimate) : null;

    private static bool Reached(decimal? limit, decimal used, double share) => limit is decimal max && used >= max * (decimal)share;

    private void Roll()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        if (today != _day)
        {
            _day = today;
            _daySpent = 0m;
            _providerSpent.Clear();
        }
        if ((now.Year, now.Month) != _month)
        {
            _month = (now.Year, now.Month);
            _monthSpent = 0m;
        }
    }

    /// <summary>Money held for one request until it settles; settling twice is a no-op.</summary>
    internal sealed class Reservation(BudgetLedger ledger, string providerId, decimal amount)
    {
        private int _settled;

        public string ProviderId { get; } = providerId;

        public decimal Amount { get; } = amount;

        public void Settle(decimal actual)
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                ledger.Settle(this, actual);
            }
        }
    }
}
