using System.Runtime.CompilerServices;

namespace ModelMesh.Cdk;

/// <summary>
/// <c>modelmesh.load-balanced.v1</c>: spreads requests by weight (<c>model_weights</c>, default 1): it picks the
/// candidate furthest below its expected share of the requests the candidates have served.
/// </summary>
public class LoadBalancedPolicy(RotationPolicyOptions? options = null) : BaseRotationPolicy(options)
{
    private readonly object _gate = new();
    // A counter per model id, made once: the pool's prepared facts hold each member's counter, so the router's
    // decision reads and counts without a lookup; Select (Explain, custom callers) finds them by id.
    private readonly Dictionary<string, StrongBox<long>> _served = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string Id => RotationStrategies.LoadBalanced;

    /// <inheritdoc/>
    public override SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var totalWeight = 0.0;
            var totalServed = 0L;
            for (var i = 0; i < candidates.Count; i++)
            {
                totalWeight += Weight(candidates[i]);
                totalServed += ServedLocked(candidates[i].ModelId);
            }
            ModelState best = candidates[0];
            var bestDeficit = double.NegativeInfinity;
            for (var i = 0; i < candidates.Count; i++)
            {
                var candidate = candidates[i];
                var expected = Weight(candidate) / totalWeight;
                // Count this request as if it went to the candidate, so ties resolve by weight.
                var actual = (double)(ServedLocked(candidate.ModelId) + 1) / (totalServed + 1);
                var deficit = expected - actual;
                if (deficit > bestDeficit)
                {
                    best = candidate;
                    bestDeficit = deficit;
                }
            }
            if (!request.DryRun)
            {
                CounterLocked(best.ModelId).Value++;
            }
            return new SelectionResult(best, bestDeficit, $"furthest below its weighted share (weight {Format(Weight(best))} of {Format(totalWeight)})");
        }
    }

    // The same choice as Select, on the router's candidate buffer: weights and counters prepared with the pool
    // (looked up by id only for a member whose definition changed since).
    internal override int FastSelect(Routing.CandidateBuffer candidates, RoutingRequest request)
    {
        lock (_gate)
        {
            var served = candidates.Scratch;
            var weights = candidates.SecondScratch;
            var totalWeight = 0.0;
            var totalServed = 0L;
            for (var i = 0; i < candidates.Count; i++)
            {
                ref readonly var facts = ref candidates.FactsAt(i);
                var id = candidates.FiguresAt(i).ModelId;
                var prepared = facts.Served is not null && ReferenceEquals(candidates.FiguresAt(i).Definition, facts.Model);
                var count = prepared ? facts.Served!.Value : ServedLocked(id);
                var weight = prepared ? facts.Weight : WeightOf(id);
                served[i] = count;
                weights[i] = weight;
                totalWeight += weight;
                totalServed += count;
            }
            var best = 0;
            var bestDeficit = double.NegativeInfinity;
            for (var i = 0; i < candidates.Count; i++)
            {
                var expected = weights[i] / totalWeight;
                var actual = (served[i] + 1) / (totalServed + 1);
                var deficit = expected - actual;
                if (deficit > bestDeficit)
                {
                    best = i;
                    bestDeficit = deficit;
                }
            }
            if (!request.DryRun)
            {
                ref readonly var facts = ref candidates.FactsAt(best);
                var counter = facts.Served is not null && ReferenceEquals(candidates.FiguresAt(best).Definition, facts.Model) ? facts.Served : CounterLocked(candidates.FiguresAt(best).ModelId);
                counter.Value++;
            }
            return best;
        }
    }

    /// <summary>The served counter of a model, made on first use (the router keeps it with the pool's members).</summary>
    internal StrongBox<long> CounterOf(string modelId)
    {
        lock (_gate)
        {
            return CounterLocked(modelId);
        }
    }

    private StrongBox<long> CounterLocked(string modelId)
    {
        if (!_served.TryGetValue(modelId, out var counter))
        {
            _served[modelId] = counter = new StrongBox<long>();
        }
        return counter;
    }

    private long ServedLocked(string modelId) => _served.TryGetValue(modelId, out var counter) ? counter.Value : 0;

    private double WeightOf(string modelId) => Options.WeightOf(modelId);

    /// <summary>The model's weight; 1 when not configured.</summary>
    protected double Weight(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return WeightOf(state.ModelId);
    }
}
