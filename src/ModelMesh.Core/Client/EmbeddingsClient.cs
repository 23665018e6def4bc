using ModelMesh.Routing;

namespace ModelMesh;

/// <summary>Embeddings through the mesh (<c>client.Embeddings</c>), shaped like OpenAI's.</summary>
public sealed class EmbeddingsClient
{
    private readonly MeshClient _mesh;

    internal EmbeddingsClient(MeshClient mesh) => _mesh = mesh;

    /// <summary>
    /// Creates embeddings with a model of the pool the request's <c>model</c> names. Vectors come back as
    /// float arrays, or as base64 when <see cref="EmbeddingRequest.EncodingFormat"/> is <c>base64</c>.
    /// </summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability (for example <c>text-embeddings</c>) or model id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RoutingException">No model could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public Task<EmbeddingResponse> CreateAsync(EmbeddingRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, new RoutingOutcome(), cancellationToken);

    /// <summary>Creates embeddings like <see cref="CreateAsync(EmbeddingRequest, CancellationToken)"/>; <paramref name="outcome"/> says which model answered.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability (for example <c>text-embeddings</c>) or model id.</param>
    /// <param name="outcome">Filled with the pool, the answering model and the attempts made (also when the call fails).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RoutingException">No model could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public async Task<EmbeddingResponse> CreateAsync(EmbeddingRequest request, RoutingOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(outcome);
        if (request.Input is null || request.Input.Count == 0)
        {
            throw new ArgumentException("The embeddings request has no 'input'.", nameof(request));
        }
        if (request.EncodingFormat is not (null or "float" or "base64"))
        {
            throw new ArgumentException($"The embeddings request's 'encoding_format' must be 'float' or 'base64'; got '{request.EncodingFormat}'.", nameof(request));
        }
        using var lease = await _mesh.AcquireAsync(request.Model, cancellationToken).ConfigureAwait(false);
        var runtime = lease.Runtime;
        var pool = runtime.ResolvePool(request.Model, MeshOperation.Embeddings);
        outcome.PoolId = pool.Id;
        outcome.RequestedModel = request.Model;
        var routing = RequestDescriber.Other(pool, MeshOperation.Embeddings, TokenEstimator.Estimate(request.Input), outcome);
        var response = await new Router(runtime).ExecuteAsync(pool, routing, (member, _, token) =>
            member.Provider.EmbedAsync(Copy(request, member.Model.WireModel), token),
            r => new Router.CallUsage(r.Usage?.PromptTokens ?? routing.EstimatedPromptTokens, 0) { ResponseModel = r.Model },
            cancellationToken).ConfigureAwait(false);
        // Some upstreams ignore encoding_format; the caller gets what it asked for either way.
        var wanted = request.EncodingFormat == "base64" ? EmbeddingEncoding.Base64 : EmbeddingEncoding.Float;
        foreach (var item in response.Data)
        {
            item.Vector = item.Vector.WithEncoding(wanted);
        }
        return response;
    }

    /// <summary>The caller's request with the model's upstream id: a copy, so every field (including ones added later) goes along.</summary>
    private static EmbeddingRequest Copy(EmbeddingRequest request, string model)
    {
        var copy = request.Clone();
        copy.Model = model;
        return copy;
    }
}
