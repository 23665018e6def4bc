using ModelMesh.Routing;

namespace ModelMesh;

/// <summary>Document reranking through the mesh (<c>client.Rerank</c>), routed to models serving <c>reranking</c>.</summary>
public sealed class RerankClient
{
    private readonly MeshClient _mesh;

    internal RerankClient(MeshClient mesh) => _mesh = mesh;

    /// <summary>Ranks the request's documents by relevance to its query with a model of the pool its <c>Model</c> names, failing over between models.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability (for example <c>reranking</c>) or model id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The request has no query, no documents, a null document or a <c>TopN</c> below 1.</exception>
    /// <exception cref="RoutingException">No model could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public Task<RerankResponse> CreateAsync(RerankRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, new RoutingOutcome(), cancellationToken);

    /// <summary>Ranks documents like <see cref="CreateAsync(RerankRequest, CancellationToken)"/>; <paramref name="outcome"/> says which model answered.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability (for example <c>reranking</c>) or model id.</param>
    /// <param name="outcome">Filled with the pool, the answering model and the attempts made (also when the call fails).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The request has no query, no documents, a null document or a <c>TopN</c> below 1.</exception>
    /// <exception cref="RoutingException">No model could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public async Task<RerankResponse> CreateAsync(RerankRequest request, RoutingOutcome outcome, CancellationToken cancellationToken = default)
    {
        RerankValidation.Validate(request);
        ArgumentNullException.ThrowIfNull(outcome);
        using var lease = await _mesh.AcquireAsync(request.Model, cancellationToken).ConfigureAwait(false);
        var runtime = lease.Runtime;
        var pool = runtime.ResolvePool(request.Model, MeshOperation.Rerank);
        outcome.PoolId = pool.Id;
        outcome.RequestedModel = request.Model;
        var characters = request.Query.Length + request.Documents.Sum(d => (long)d.Length);
        var tokens = (int)Math.Min(int.MaxValue, TokenEstimator.FromCharacters(characters));
        var routing = RequestDescriber.Other(pool, MeshOperation.Rerank, tokens, outcome);
        return await new Router(runtime).ExecuteAsync(pool, routing, (member, _, token) =>
            member.Provider.RerankAsync(Copy(request, member.Model.WireModel), token),
            r => new Router.CallUsage(r.Usage?.TotalTokens ?? tokens, 0) { ResponseModel = r.Model },
            cancellationToken).ConfigureAwait(false);
    }

    private static RerankRequest Copy(RerankRequest request, string model)
    {
        var copy = request.Clone();
        copy.Model = model;
        return copy;
    }
}
