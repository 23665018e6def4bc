using ModelMesh.Routing;

namespace ModelMesh;

/// <summary>Reading web pages through the mesh (<c>client.Scrape</c>), routed to scrapers and readers serving <c>content-extraction</c>.</summary>
public sealed class ScrapeClient
{
    private readonly MeshClient _mesh;

    internal ScrapeClient(MeshClient mesh) => _mesh = mesh;

    /// <summary>Reads the request's page as Markdown with a model of the pool its <c>Model</c> names, failing over between models.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability (for example <c>content-extraction</c>) or model id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The request has no URL, or one that is not an absolute http or https address.</exception>
    /// <exception cref="RoutingException">No model could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public Task<ScrapeResponse> CreateAsync(ScrapeRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, new RoutingOutcome(), cancellationToken);

    /// <summary>Reads a page like <see cref="CreateAsync(ScrapeRequest, CancellationToken)"/>; <paramref name="outcome"/> says which model answered.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability (for example <c>content-extraction</c>) or model id.</param>
    /// <param name="outcome">Filled with the pool, the answering model and the attempts made (also when the call fails).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The request has no URL, or one that is not an absolute http or https address.</exception>
    /// <exception cref="RoutingException">No model could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public async Task<ScrapeResponse> CreateAsync(ScrapeRequest request, RoutingOutcome outcome, CancellationToken cancellationToken = default)
    {
        ScrapeValidation.Validate(request);
        ArgumentNullException.ThrowIfNull(outcome);
        using var lease = _mesh.Acquire();
        var runtime = lease.Runtime;
        var pool = runtime.ResolvePool(request.Model, MeshOperation.Scrape);
        outcome.PoolId = pool.Id;
        outcome.RequestedModel = request.Model;
        var tokens = (int)TokenEstimator.FromCharacters(request.Url.Length);
        var routing = RequestDescriber.Other(pool, MeshOperation.Scrape, tokens, outcome);
        // The page read is the output: readers that bill by tokens (Jina) bill what they return.
        return await new Router(runtime).ExecuteAsync(pool, routing, (member, _, token) =>
            member.Provider.ScrapeAsync(Copy(request, member.Model.WireModel), token),
            r => new Router.CallUsage(tokens, TokenEstimator.FromCharacters(r.Markdown.Length)) { ResponseModel = r.Model },
            cancellationToken).ConfigureAwait(false);
    }

    private static ScrapeRequest Copy(ScrapeRequest request, string model)
    {
        var copy = request.Clone();
        copy.Model = model;
        return copy;
    }
}
