using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ModelMesh.Gateway.Security;

/// <summary>
/// The accepted bearer tokens, kept only as SHA-256 digests and compared in constant time: the time a check takes
/// says nothing about how much of a guess was right, nor how long a token is.
/// </summary>
internal sealed class BearerTokens
{
    private readonly byte[][] _digests;

    public BearerTokens(IEnumerable<string> tokens) =>
        _digests = tokens.Where(t => !string.IsNullOrEmpty(t)).Distinct(StringComparer.Ordinal).Select(Digest).ToArray();

    public bool Required => _digests.Length > 0;

    /// <summary>The index of the token the request presents (a stable rate-limit partition), or -1 when it presents none that is accepted.</summary>
    public int Match(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(value.AsSpan(7).Trim().ToString()), digest);
        var found = -1;
        for (var i = 0; i < _digests.Length; i++)
        {
            // Every digest is compared, matched or not.
            if (CryptographicOperations.FixedTimeEquals(digest, _digests[i]))
            {
                found = i;
            }
        }
        return found;
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
