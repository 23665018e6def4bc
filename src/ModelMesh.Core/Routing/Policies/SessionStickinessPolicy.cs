using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ModelMesh.Cdk;

/// <summary>
/// <c>modelmesh.session-stickiness.v1</c>: every request of one session goes to the same model. The model is
/// chosen by rendezvous hashing of the session id with each candidate's id (SHA-256), so when a model leaves the
/// pool only its own sessions move. Requests without a session id fall back to the default scorer.
/// </summary>
public class SessionStickinessPolicy(RotationPolicyOptions? options = null) : BaseRotationPolicy(options)
{
    /// <inheritdoc/>
    public override string Id => RotationStrategies.SessionStickiness;

    /// <inheritdoc/>
    public override SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.SessionId))
        {
            return base.Select(candidates, request);
        }
        ModelState best = candidates[0];
        var bestWeight = Weight(request.SessionId, best.ModelId);
        for (var i = 1; i < candidates.Count; i++)
        {
            var weight = Weight(request.SessionId, candidates[i].ModelId);
            if (weight > bestWeight)
            {
                best = candidates[i];
                bestWeight = weight;
            }
        }
        return new SelectionResult(best, Score(best, request), $"session '{request.SessionId}' is pinned to this model");
    }

    /// <summary>The first eight bytes of SHA-256 over the UTF-8 of <c>session id + "\n" + model id</c>, encoded without building the string.</summary>
    private static ulong Weight(string sessionId, string modelId)
    {
        Span<byte> hash = stackalloc byte[32];
        var length = Encoding.UTF8.GetByteCount(sessionId) + 1 + Encoding.UTF8.GetByteCount(modelId);
        byte[]? rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var input = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        var written = Encoding.UTF8.GetBytes(sessionId, input);
        input[written++] = (byte)'\n';
        Encoding.UTF8.GetBytes(modelId, input[written..]);
        SHA256.HashData(input, hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        return BitConverter.ToUInt64(hash);
    }
}
