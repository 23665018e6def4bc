using System.Text.Json;

namespace ModelMesh.Cdk;

public abstract partial class BaseProvider
{
    /// <summary>Ranks documents by relevance to a query.</summary>
    /// <param name="request">The request; <see cref="RerankRequest.Model"/> is sent as the upstream model id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ProviderException">The upstream failed.</exception>
    /// <exception cref="NotSupportedException">The provider serves no reranking (its connector overrides no rerank hooks).</exception>
    /// <exception cref="ArgumentException">The request is invalid (no model, query or documents, a null document, a <c>TopN</c> below 1).</exception>
    public async Task<RerankResponse> RerankAsync(RerankRequest request, CancellationToken cancellationToken = default)
    {
        RerankValidation.Validate(request, needsModel: true);
        return await RerankCoreAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers a validated rerank request over HTTP with the hooks; a provider without HTTP overrides it.</summary>
    /// <param name="request">The request: it has a model, a query and documents.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    protected virtual async Task<RerankResponse> RerankCoreAsync(RerankRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeout = StartTimeout(cancellationToken, Options.RequestTimeout);
        return await CallAsync(request.Model, "the response", timeout, cancellationToken, async token =>
        {
            using var response = await SendAsync(HttpMethod.Post, GetRerankEndpoint(request), w => BuildRerankPayload(w, request), request.Model, token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, token).ConfigureAwait(false);
            return RunHook(request.Model, response, body, () => ParseRerankResponse(body, request));
        }).ConfigureAwait(false);
    }

    /// <summary>Searches the web.</summary>
    /// <param name="request">The request; <see cref="SearchRequest.Model"/> is sent as the upstream model (engine) id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ProviderException">The upstream failed.</exception>
    /// <exception cref="NotSupportedException">The provider serves no search (its connector overrides no search hooks).</exception>
    /// <exception cref="ArgumentException">The request is invalid (no model or query, a <c>MaxResults</c> below 1).</exception>
    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        SearchValidation.Validate(request, needsModel: true);
        return await SearchCoreAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers a validated search request over HTTP with the hooks; a provider without HTTP overrides it.</summary>
    /// <param name="request">The request: it has a model and a query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    protected virtual async Task<SearchResponse> SearchCoreAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeout = StartTimeout(cancellationToken, Options.RequestTimeout);
        return await CallAsync(request.Model, "the response", timeout, cancellationToken, async token =>
        {
            using var response = await SendAsync(HttpMethod.Post, GetSearchEndpoint(request), w => BuildSearchPayload(w, request), request.Model, token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, token).ConfigureAwait(false);
            return RunHook(request.Model, response, body, () => ParseSearchResponse(body, request));
        }).ConfigureAwait(false);
    }

    /// <summary>Hook <see cref="ProviderHook.GetRerankEndpoint"/>: <c>/v1/rerank</c>.</summary>
    protected virtual string GetRerankEndpoint(RerankRequest request) => "/v1/rerank";

    /// <summary>
    /// Hook <see cref="ProviderHook.BuildRerankPayload"/>. OpenAI defines no rerank API, so there is no default
    /// format: a provider that does not override it serves no reranking, and this throws before anything is sent.
    /// </summary>
    /// <exception cref="NotSupportedException">Always, unless overridden.</exception>
    protected virtual void BuildRerankPayload(Utf8JsonWriter writer, RerankRequest request) => throw NotServed("reranking");

    /// <summary>Hook <see cref="ProviderHook.ParseRerankResponse"/>: no default format (see <see cref="BuildRerankPayload"/>).</summary>
    /// <exception cref="NotSupportedException">Always, unless overridden.</exception>
    protected virtual RerankResponse ParseRerankResponse(ReadOnlyMemory<byte> body, RerankRequest request) => throw NotServed("reranking");

    /// <summary>Hook <see cref="ProviderHook.GetSearchEndpoint"/>: <c>/search</c>.</summary>
    protected virtual string GetSearchEndpoint(SearchRequest request) => "/search";

    /// <summary>
    /// Hook <see cref="ProviderHook.BuildSearchPayload"/>. There is no common search format, so a provider that
    /// does not override it serves no search, and this throws before anything is sent.
    /// </summary>
    /// <exception cref="NotSupportedException">Always, unless overridden.</exception>
    protected virtual void BuildSearchPayload(Utf8JsonWriter writer, SearchRequest request) => throw NotServed("web search");

    /// <summary>Hook <see cref="ProviderHook.ParseSearchResponse"/>: no default format (see <see cref="BuildSearchPayload"/>).</summary>
    /// <exception cref="NotSupportedException">Always, unless overridden.</exception>
    protected virtual SearchResponse ParseSearchResponse(ReadOnlyMemory<byte> body, SearchRequest request) => throw NotServed("web search");

    private NotSupportedException NotServed(string operation) =>
        new($"Provider '{Id}' ({GetType().Name}) does not serve {operation}: its connector overrides none of the {operation} hooks.");
}
