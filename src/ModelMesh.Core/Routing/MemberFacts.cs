using System.Runtime.CompilerServices;
using ModelMesh.Cdk;

namespace ModelMesh.Routing;

/// <summary>
/// What every routing decision asks of one pool member, flat in one struct: prepared once with the pool (so once per
/// runtime: a reload or a discovery builds new pools) from the member's definition and the pool's policy options,
/// so the per-member loop neither follows the definition's nullable properties nor looks ids up in the options'
/// lists and dictionaries. Valid only while the member's health carries <see cref="Model"/> as its definition; a
/// member whose definition was replaced since is decided the long way.
/// </summary>
internal struct MemberFacts
{
    /// <summary>The definition the facts were made from.</summary>
    public ModelDefinition Model;

    public ModelHealth Health;

    /// <summary>One bit per <see cref="MeshOperation"/> the model serves (bit = the operation's value).</summary>
    public int Operations;

    /// <summary>The features the model lacks (none when its features are unknown: then nothing is filtered).</summary>
    public ModelFeatures Unsupported;

    /// <summary>The largest completion it takes; <see cref="int.MaxValue"/> when unknown.</summary>
    public int MaxOutput;

    /// <summary>Its context window; <see cref="long.MaxValue"/> when unknown.</summary>
    public long ContextWindow;

    /// <summary>The default scorer's priority part: 1000 (model priority), 500 (provider priority) or 0, and the place bonus added after it.</summary>
    public double RankBase;
    public double RankBonus;

    /// <summary>The pricing as doubles (zero when unpriced), for cost-first's first, approximate pass, and the output assumed when a request asks none.</summary>
    public double InputPer1K;
    public double OutputPer1K;
    public double PerRequest;
    public int AssumedOutput;

    /// <summary>Rate-limit-aware's daily limits (the options' override or the model's own).</summary>
    public long? RequestLimit;
    public long? TokenLimit;

    /// <summary>Load-balanced's weight for the model, and its served count (the policy's own counter, shared).</summary>
    public double Weight;
    public StrongBox<long>? Served;

    /// <summary>The stable 64-bit hash of the model id (session-stickiness).</summary>
    public ulong Hash;

    public static MemberFacts Of(PoolMember member, BaseRotationPolicy policy)
    {
        var model = member.Model;
        var options = policy.Options;
        var operations = 0;
        foreach (var operation in Enum.GetValues<MeshOperation>())
        {
            if (OperationCapabilities.Serves(model, operation))
            {
                operations |= 1 << (int)operation;
            }
        }
        var (rankBase, rankBonus) = policy.PriorityRank(model.Id, model.ProviderId);
        var pricing = model.Pricing;
        return new MemberFacts
        {
            Model = model,
            Health = member.Health,
            Operations = operations,
            Unsupported = model.Features is ModelFeatures features ? ~features : ModelFeatures.None,
            MaxOutput = model.MaxOutputTokens ?? int.MaxValue,
            ContextWindow = model.ContextWindow ?? long.MaxValue,
            RankBase = rankBase,
            RankBonus = rankBonus,
            InputPer1K = (double)(pricing?.InputPer1K ?? 0m),
            OutputPer1K = (double)(pricing?.OutputPer1K ?? 0m),
            PerRequest = (double)(pricing?.PerRequest ?? 0m),
            AssumedOutput = RoutingRequest.AssumedOutputTokens(model),
            RequestLimit = options.RequestLimitOf(model),
            TokenLimit = options.TokenLimitOf(model),
            Weight = options.WeightOf(model.Id),
            Served = policy is LoadBalancedPolicy balanced ? balanced.CounterOf(model.Id) : null,
            Hash = StableHash.Of(model.Id),
        };
    }
}
