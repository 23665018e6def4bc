using System.Collections;

namespace ModelMesh.Routing;

/// <summary>
/// The eligible members of one routing decision, in pool order, as member indices into arrays sized to the pool
/// once and reused (<see cref="RoutingPool.RentCandidates"/>), so choosing among them allocates nothing. For the
/// built-in policies it also keeps each member's <see cref="HealthFigures"/> between decisions, read again only
/// when the member changed; for a custom policy it holds the members' <see cref="ModelState"/> records, which the
/// policy gets as a copy it may keep (<see cref="ToArray"/>). One request uses a buffer at a time.
/// </summary>
internal sealed class CandidateBuffer(IReadOnlyList<PoolMember> members, MemberFacts[] facts) : IReadOnlyList<ModelState>
{
    private bool _holdsStates;
    private readonly int[] _eligible = new int[members.Count];
    private readonly ModelState?[] _states = new ModelState?[members.Count];
    private readonly HealthFigures[] _figures = new HealthFigures[members.Count];
    private readonly double[] _scratch = new double[members.Count];
    private readonly double[] _secondScratch = new double[members.Count];

    public int Count { get; private set; }

    /// <summary>The record of an eligible member (filled only for a custom policy and the slow path).</summary>
    public ModelState this[int index] => (uint)index < (uint)Count ? _states[index] ?? throw new InvalidOperationException("The candidate was read without a record.") : throw new ArgumentOutOfRangeException(nameof(index));

    public PoolMember MemberAt(int index) => (uint)index < (uint)Count ? members[_eligible[index]] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The figures of the eligible member at <paramref name="index"/>.</summary>
    public ref readonly HealthFigures FiguresAt(int index) => ref _figures[_eligible[index]];

    /// <summary>The stable 64-bit hash of the eligible member's model id (prepared with the pool).</summary>
    public ulong HashAt(int index) => facts[_eligible[index]].Hash;

    /// <summary>The prepared facts of the eligible member at <paramref name="index"/>.</summary>
    public ref readonly MemberFacts FactsAt(int index) => ref facts[_eligible[index]];

    /// <summary>A number per eligible member for a policy to keep while it selects (no allocation).</summary>
    public Span<double> Scratch => _scratch.AsSpan(0, Count);

    /// <summary>A second such number per eligible member.</summary>
    public Span<double> SecondScratch => _secondScratch.AsSpan(0, Count);

    /// <summary>The kept figures of the member at pool index <paramref name="member"/>, to check or read again.</summary>
    public ref HealthFigures Figures(int member) => ref _figures[member];

    public void Add(int member, ModelState? state)
    {
        _eligible[Count] = member;
        _states[Count] = state;
        _holdsStates |= state is not null;
        Count++;
    }

    /// <summary>Adds an eligible member by its figures alone (no record).</summary>
    public void Add(int member) => _eligible[Count++] = member;

    /// <summary>Empties the buffer, letting go of the records it held (the kept figures stay).</summary>
    public void Clear()
    {
        if (_holdsStates)
        {
            Array.Clear(_states, 0, Count);
            _holdsStates = false;
        }
        Count = 0;
    }

    public ModelState[] ToArray()
    {
        var copy = new ModelState[Count];
        for (var i = 0; i < Count; i++)
        {
            copy[i] = this[i];
        }
        return copy;
    }

    public IEnumerator<ModelState> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
