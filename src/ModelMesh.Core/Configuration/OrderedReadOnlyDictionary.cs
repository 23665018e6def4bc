using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ModelMesh.Configuration;

/// <summary>A read-only dictionary with ordinal string keys that enumerates in insertion (file) order.</summary>
internal sealed class OrderedReadOnlyDictionary<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    private readonly KeyValuePair<TKey, TValue>[] _entries;
    private readonly Dictionary<TKey, TValue> _lookup;

    internal OrderedReadOnlyDictionary(IEnumerable<KeyValuePair<TKey, TValue>> entries)
    {
        _entries = entries.ToArray();
        _lookup = new Dictionary<TKey, TValue>(_entries.Length, typeof(TKey) == typeof(string) ? (IEqualityComparer<TKey>)StringComparer.Ordinal : null);
        foreach (var entry in _entries)
        {
            _lookup.Add(entry.Key, entry.Value);
        }
    }

    internal static OrderedReadOnlyDictionary<TKey, TValue> Empty { get; } = new([]);

    public TValue this[TKey key] => _lookup[key];

    public IEnumerable<TKey> Keys => _entries.Select(e => e.Key);

    public IEnumerable<TValue> Values => _entries.Select(e => e.Value);

    public int Count => _entries.Length;

    public bool ContainsKey(TKey key) => _lookup.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _lookup.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<TKey, TValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
