using System.Globalization;
using System.Text;

namespace ModelMesh.Simulation;

/// <summary>
/// FNV-1a (64-bit): the same bytes give the same value on every run and platform, unlike
/// <see cref="string.GetHashCode()"/>, so simulated ids and vectors are reproducible.
/// </summary>
internal static class StableHash
{
    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return hash;
    }

    public static ulong Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static string Hex(ReadOnlySpan<byte> bytes) => Of(bytes).ToString("x16", CultureInfo.InvariantCulture);
}
