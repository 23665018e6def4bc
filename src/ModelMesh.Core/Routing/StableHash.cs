namespace ModelMesh.Routing;

/// <summary>
/// A stable 64-bit hash (FNV-1a over UTF-8, finished with the splitmix64 mixer): the same for the same text in every
/// process and version, which session stickiness relies on. Not for security.
/// </summary>
internal static class StableHash
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(string text)
    {
        var hash = Offset;
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < length; i++)
            {
                hash = (hash ^ bytes[i]) * Prime;
            }
        }
        return Mix(hash);
    }

    /// <summary>Combines two hashes into a weight that changes unpredictably with either (rendezvous hashing).</summary>
    public static ulong Combine(ulong a, ulong b) => Mix(a ^ (b * 0x9E3779B97F4A7C15));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
