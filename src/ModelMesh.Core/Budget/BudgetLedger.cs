using System.Runtime.InteropServices;

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

    /// <summary>
    /// Whether any limit could refuse a request: false when none is set or they are not enforced, and then
    /// <see cref="Check(Cdk.RoutingRequest, ModelDefinition)"/> answers without taking the lock.
    /// </summary>
    public bool Limits => Options is { Enforce: true } o
        && (o.PerRequestLimit is not null || o.DailyLimit is not null || o.MonthlyLimit is not null || o.ProviderDailyLimits.Count > 0);

    /// <summary>Which limit a chat or other request on <paramref name="model"/> would break now, planned as <see cref="TryReserve(Cdk.RoutingRequest, ModelDefinition, out OutputBound.Plan, out BudgetExceededException?)"/> would plan it, without reserving.</summary>
    public BudgetExceededException? Check(Cdk.RoutingRequest request, ModelDefinition model)
    {
        if (!Limits)
        {
            return null;
        }
        lock (_gate)
        {
            Roll();
            return CheckLocked(model.ProviderId, OutputBound.For(request, model, HeadroomLocked(model.ProviderId)).Estimate);
        }
    }

    /// <summary>
    /// The limits and what is committed against them, taken once (one lock) for checking every candidate of a
    /// decision; null when a provider has a limit of its own, which differs by candidate (then
    /// <see cref="Check(Cdk.RoutingRequest, ModelDefinition)"/> per candidate). The reservation checks again, atomically.
    /// </summary>
    public Standing? Stand()
    {
        lock (_gate)
        {
            Roll();
            var options = Options;
            return options.ProviderDailyLimits.Count > 0 ? null : new Standing(options, _daySpent + _reserved, _monthSpent + _reserved, HeadroomLocked(string.Empty));
        }
    }

    /// <summary>The ledger as of one instant, without the per-provider limits (there are none when it is taken).</summary>
    internal readonly record struct Standing(BudgetOptions Options, decimal DayCommitted, decimal MonthCommitted, decimal? Headroom)
    {
        /// <summary>What <see cref="Check(Cdk.RoutingRequest, ModelDefinition)"/> would say at that instant.</summary>
        public BudgetExceededException? Check(Cdk.RoutingRequest request, ModelDefinition model)
        {
            var estimate = OutputBound.For(request, model, Headroom).Estimate;
            return BudgetLedger.Check(Options.PerRequestLimit, 0m, estimate, "per_request")
                ?? BudgetLedger.Check(Options.DailyLimit, DayCommitted, estimate, "daily")
                ?? BudgetLedger.Check(Options.MonthlyLimit, MonthCommitted, estimate, "monthly");
        }
    }

    /// <summary>
    /// The most a request to <paramref name="providerId"/> may still cost: the smallest room left under the limits
    /// that apply (per request, daily, monthly, the provider's daily); null when none applies.
    /// </summary>
    public decimal? Headroom(string providerId)
    {
        lock (_gate)
        {
            Roll();
            return HeadroomLocked(providerId);
        }
    }

    /// <summary>
    /// Plans a chat request on <paramref name="model"/> against the room left and reserves the plan's estimate in
    /// one step, so no other request takes the room between the two; the plan says what output bound to send.
    /// </summary>
    public Reservation? TryReserve(Cdk.RoutingRequest request, ModelDefinition model, out OutputBound.Plan plan, out BudgetExceededException? refusal) =>
        TryReserve(request, model, clock.GetUtcNow(), out plan, out refusal);

    /// <summary>As <see cref="TryReserve(Cdk.RoutingRequest, ModelDefinition, out OutputBound.Plan, out BudgetExceededException?)"/>, at <paramref name="now"/> by the ledger's clock (read once by the caller).</summary>
    public Reservation? TryReserve(Cdk.RoutingRequest request, ModelDefinition model, DateTimeOffset now, out OutputBound.Plan plan, out BudgetExceededException? refusal)
    {
        lock (_gate)
        {
            Roll(now);
            plan = OutputBound.For(request, model, HeadroomLocked(model.ProviderId));
            return TryReserveLocked(model.ProviderId, plan.Estimate, out refusal);
        }
    }

    /// <summary>Reserves <paramref name="estimate"/> for a request to <paramref name="providerId"/>, or says which limit it would break.</summary>
    public Reservation? TryReserve(string providerId, decimal estimate, out BudgetExceededException? refusal)
    {
        lock (_gate)
        {
            Roll();
            return TryReserveLocked(providerId, estimate, out refusal);
        }
    }

    private Reservation? TryReserveLocked(string providerId, decimal estimate, out BudgetExceededException? refusal)
    {
        refusal = CheckLocked(providerId, estimate);
        if (refusal is not null)
        {
            return null;
        }
        _reserved += estimate;
        CollectionsMarshal.GetValueRefOrAddDefault(_providerReserved, providerId, out _) += estimate;
        return TakeSlotLocked(providerId, estimate);
    }

    // The open reservations, in slots reused once settled: a reservation is a slot and the generation it was taken
    // at, so a settled one (whose slot serves another request now) settles nothing, and reserving allocates nothing.
    private Slot[] _slots = new Slot[8];
    private int[] _free = [7, 6, 5, 4, 3, 2, 1, 0];
    private int _freeCount = 8;

    private struct Slot
    {
        public string? ProviderId;
        public decimal Amount;
        public int Generation;
    }

    private Reservation TakeSlotLocked(string providerId, decimal estimate)
    {
        if (_freeCount == 0)
        {
            var size = _slots.Length;
            Array.Resize(ref _slots, size * 2);
            Array.Resize(ref _free, size * 2);
            for (var i = 0; i < size; i++)
            {
                _free[i] = (size * 2) - 1 - i;
            }
            _freeCount = size;
        }
        var index = _free[--_freeCount];
        ref var slot = ref _slots[index];
        slot.ProviderId = providerId;
        slot.Amount = estimate;
        return new Reservation(this, index, slot.Generation);
    }

    private decimal? HeadroomLocked(string providerId)
    {
        if (!Limits)
        {
            return null; // nothing enforced, or no limit set: no sums to make
        }
        decimal? room = Options.PerRequestLimit;
        room = Smaller(room, Options.DailyLimit - (_daySpent + _reserved));
        room = Smaller(room, Options.MonthlyLimit - (_monthSpent + _reserved));
        if (Options.ProviderDailyLimits.TryGetValue(providerId, out var providerLimit))
        {
            room = Smaller(room, providerLimit - (_providerSpent.GetValueOrDefault(providerId) + _providerReserved.GetValueOrDefault(providerId)));
        }
        return room is decimal r && r < 0m ? 0m : room;
    }

    private static decimal? Smaller(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    /// <summary>Adds money spent outside a reservation (tokens a failed attempt used before it was retried).</summary>
    public void Charge(string providerId, decimal amount)
    {
        lock (_gate)
        {
            Roll();
            _daySpent += amount;
            _monthSpent += amount;
            _providerSpent[providerId] = _providerSpent.GetValueOrDefault(providerId) + amount;
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

    private void Settle(int index, int generation, decimal actual, DateTimeOffset? now)
    {
        lock (_gate)
        {
            ref var slot = ref _slots[index];
            if (slot.Generation != generation || slot.ProviderId is not { } providerId)
            {
                return; // settled already
            }
            Roll(now ?? clock.GetUtcNow());
            _reserved -= slot.Amount;
            CollectionsMarshal.GetValueRefOrAddDefault(_providerReserved, providerId, out _) -= slot.Amount;
            _daySpent += actual;
            _monthSpent += actual;
            // One lookup per book (a reference to the value), not a read and a write.
            CollectionsMarshal.GetValueRefOrAddDefault(_providerSpent, providerId, out _) += actual;
            slot.Generation++;
            slot.ProviderId = null;
            slot.Amount = 0m;
            _free[_freeCount++] = index;
        }
    }

    private BudgetExceededException? CheckLocked(string providerId, decimal estimate)
    {
        if (!Limits)
        {
            return null; // nothing enforced, or no limit set: nothing can refuse
        }
        return Check(Options.PerRequestLimit, 0m, estimate, "per_request")
            ?? Check(Options.DailyLimit, _daySpent + _reserved, estimate, "daily")
            ?? Check(Options.MonthlyLimit, _monthSpent + _reserved, estimate, "monthly")
            ?? (Options.ProviderDailyLimits.TryGetValue(providerId, out var providerLimit)
                ? Check(providerLimit, _providerSpent.GetValueOrDefault(providerId) + _providerReserved.GetValueOrDefault(providerId), estimate, "provider:", providerId)
                : null);
    }

    // The limit's name is put together only for a refusal: a check that passes allocates nothing.
    private static BudgetExceededException? Check(decimal? limit, decimal committed, decimal estimate, string type, string? of = null) =>
        limit is decimal max && committed + estimate > max ? new BudgetExceededException(type + of, max, committed + estimate) : null;

    private static bool Reached(decimal? limit, decimal used, double share) => limit is decimal max && used >= max * (decimal)share;

    private void Roll() => Roll(clock.GetUtcNow());

    // The day's bounds in ticks are kept, so a roll within the day is one comparison (no calendar arithmetic).
    private long _dayStartTicks = long.MaxValue;
    private long _dayEndTicks = long.MinValue;

    private void Roll(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        if (ticks >= _dayStartTicks && ticks < _dayEndTicks)
        {
            return;
        }
        var now = at.UtcDateTime;
        _dayStartTicks = now.Date.Ticks;
        _dayEndTicks = _dayStartTicks + TimeSpan.TicksPerDay;
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

    /// <summary>
    /// Money held for one request until it settles; settling twice (from any copy) is a no-op. The default value
    /// holds nothing.
    /// </summary>
    internal readonly struct Reservation
    {
        private readonly BudgetLedger? _ledger;
        private readonly int _slot;
        private readonly int _generation;

        internal Reservation(BudgetLedger ledger, int slot, int generation)
        {
            _ledger = ledger;
            _slot = slot;
            _generation = generation;
        }

        public void Settle(decimal actual) => _ledger?.Settle(_slot, _generation, actual, null);

        /// <summary>Settles at <paramref name="now"/> by the ledger's clock (read once by the caller).</summary>
        public void Settle(decimal actual, DateTimeOffset now) => _ledger?.Settle(_slot, _generation, actual, now);
    }
}
