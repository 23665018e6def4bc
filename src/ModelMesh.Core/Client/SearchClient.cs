using ModelMesh.Routing;

namespace ModelMesh;

/// <summary>Web search through the mesh (<c>client.Search</c>), routed to search engines serving <c>web-search</c>.</summary>
public sealed class SearchClient
{
    private readonly MeshClient _mesh;

    internal SearchClient(MeshClient mesh) => _mesh = mesh;

    /// <summary>Searches the web with an engine of the pool the request's <c>Model</c> names, failing over between engines.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability (for example <c>web-search</c>) or model id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The request has no query or a <c>MaxResults</c> below 1.</exception>
    /// <exception cref="RoutingException">No engine could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public Task<SearchResponse> QueryAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
        QueryAsync(request, new RoutingOutcome(), cancellationToken);

    /// <summary>Searches like <see cref="QueryAsync(SearchRequest, CancellationToken)"/>; <paramref name="outcome"/> says which engine answered.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability (for example <c>web-search</c>) or model id.</param>
    /// <param name="outcome">Filled with the pool, the answering model and the attempts made (also when the call fails).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The request has no query or a <c>MaxResults</c> below 1.</exception>
    /// <exception cref="RoutingException">No engine could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public async Task<SearchResponse> QueryAsync(SearchRequest request, RoutingOutcome outcome, CancellationToken cancellationToken = default)
    {
        SearchValidation.Validate(request);
        ArgumentNullException.ThrowIfNull(outcome);
        using var lease = await _mesh.AcquireAsync(request.Model, cancellationToken).ConfigureAwait(false);
        var runtime = lease.Runtime;
        var pool = runtime.ResolvePool(request.Model, MeshOperation.Search);
        outcome.PoolId = pool.Id;
        outcome.RequestedModel = request.Model;
        var tokens = (int)TokenEstimator.FromCharacters(request.Query.Length);
        var routing = RequestDescriber.Other(pool, MeshOperation.Search, tokens, outcome);
        return await new Router(runtime).ExecuteAsync(pool, routing, (member, _, token) =>
            member.Provider.SearchAsync(Copy(request, member.Model.WireModel), token),
            r => new Router.CallUsage(tokens, 0) { ResponseModel = r.Model },
            cancellationToken).ConfigureAwait(false);
    }

    private static SearchRequest Copy(SearchRequest request, string model)
    {
        var copy = request.Clone();
        copy.Model = model;
        return copy;
    }
}
