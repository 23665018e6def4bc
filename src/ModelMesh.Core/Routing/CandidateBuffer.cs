using System.Collections;

namespace ModelMesh.Routing;

/// <summary>
/// The eligible members of one routing decision and their states, in pool order: arrays sized to the pool once
/// and reused (<see cref="RoutingPool.RentCandidates"/>), so choosing among them allocates nothing. The states are
/// the list a built-in policy selects from; a custom policy gets a copy it may keep (<see cref="ToArray"/>).
/// </summary>
internal sealed class CandidateBuffer(int capacity) : IReadOnlyList<ModelState>
{
    private readonly PoolMember[] _members = new PoolMember[capacity];
    private readonly ModelState[] _states = new ModelState[capacity];

    public int Count { get; private set; }

    public ModelState this[int index] => (uint)index < (uint)Count ? _states[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public PoolMember MemberAt(int index) => (uint)index < (uint)Count ? _members[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(PoolMember member, ModelState state)
    {
        _members[Count] = member;
        _states[Count] = state;
        Count++;
    }

    /// <summary>Empties the buffer, letting go of the states it held.</summary>
    public void Clear()
    {
        Array.Clear(_members, 0, Count);
        Array.Clear(_states, 0, Count);
        Count = 0;
    }

    public ModelState[] ToArray() => _states.AsSpan(0, Count).ToArray();

    public IEnumerator<ModelState> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _states[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
