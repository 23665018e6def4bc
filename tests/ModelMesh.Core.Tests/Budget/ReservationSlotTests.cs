using ModelMesh.Cdk;
using ModelMesh.Routing;
using Xunit;

namespace ModelMesh.Core.Tests.Budget;

/// <summary>Reservations are reused ledger slots: settling one twice, or a stale copy, never touches another request's money.</summary>
public sealed class ReservationSlotTests
{
    [Fact]
    public void A_settled_reservation_settles_nothing_when_its_slot_serves_another_request()
    {
        var ledger = new BudgetLedger(new BudgetOptions { DailyLimit = 10m }, TimeProvider.System);
        var first = ledger.TryReserve("p", 1m, out _)!.Value;
        var copy = first;
        first.Settle(0.5m);
        var second = ledger.TryReserve("p", 2m, out _)!.Value; // takes the slot the first let go
        copy.Settle(0.25m);
        first.Settle(0.25m);
        Assert.Equal(2m, ledger.Status().Reserved);
        Assert.Equal(0.5m, ledger.Status().DailyUsed);
        second.Settle(1m);
        Assert.Equal(0m, ledger.Status().Reserved);
        Assert.Equal(1.5m, ledger.Status().DailyUsed);
        default(BudgetLedger.Reservation).Settle(3m); // holds nothing
        Assert.Equal(1.5m, ledger.Status().DailyUsed);
    }

    [Fact]
    public void Many_open_reservations_grow_the_slots_and_each_settles_its_own()
    {
        var ledger = new BudgetLedger(new BudgetOptions(), TimeProvider.System);
        var open = Enumerable.Range(1, 50).Select(i => ledger.TryReserve("p" + (i % 3), i, out _)!.Value).ToArray();
        Assert.Equal(Enumerable.Range(1, 50).Sum(), ledger.Status().Reserved);
        foreach (var reservation in open)
        {
            reservation.Settle(1m);
        }
        Assert.Equal(0m, ledger.Status().Reserved);
        Assert.Equal(50m, ledger.Status().DailyUsed);
    }
}
