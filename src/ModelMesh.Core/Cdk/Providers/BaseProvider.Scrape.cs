using System.Text.Json;

namespace ModelMesh.Cdk;

public abstract partial class BaseProvider
{
    /// <summary>Reads a web page as Markdown.</summary>
    /// <param name="request">The request; <see cref="ScrapeRequest.Model"/> is the upstream model id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ProviderException">The upstream failed, or could not read the page.</exception>
    /// <exception cref="NotSupportedException">The provider serves no scraping (its connector overrides no scrape hooks).</exception>
    /// <exception cref="ArgumentException">The request is invalid (no model, no URL, or a URL that is not an absolute http or https address).</exception>
    public async Task<ScrapeResponse> ScrapeAsync(ScrapeRequest request, CancellationToken cancellationToken = default)
    {
        ScrapeValidation.Validate(request, needsModel: true);
        return await ScrapeCoreAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Answers a validated scrape request over HTTP with the hooks: <see cref="GetScrapeMethod"/> to
    /// <see cref="GetScrapeEndpoint"/>, with the body of <see cref="BuildScrapePayload"/> unless the method is
    /// <c>GET</c> (a reader that takes the page's address in its path); a provider without HTTP overrides it.
    /// </summary>
    /// <param name="request">The request: it has a model and an absolute http or https URL.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    protected virtual async Task<ScrapeResponse> ScrapeCoreAsync(ScrapeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = GetScrapeMethod(request);
        Action<Utf8JsonWriter>? payload = method == HttpMethod.Get ? null : w => BuildScrapePayload(w, request);
        using var timeout = StartTimeout(cancellationToken, Options.RequestTimeout);
        return await CallAsync(request.Model, "the page", timeout, cancellationToken, async token =>
        {
            using var response = await SendAsync(method, GetScrapeEndpoint(request), payload, request.Model, token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, token).ConfigureAwait(false);
            return RunHook(request.Model, response, body, () => ParseScrapeResponse(body, request));
        }).ConfigureAwait(false);
    }

    /// <summary>Hook <see cref="ProviderHook.GetScrapeEndpoint"/>: <c>/v1/scrape</c>.</summary>
    protected virtual string GetScrapeEndpoint(ScrapeRequest request) => "/v1/scrape";

    /// <summary>
    /// Hook <see cref="ProviderHook.GetScrapeMethod"/>: <c>POST</c>. A connector returning <c>GET</c> sends no
    /// body (<see cref="BuildScrapePayload"/> is not called) and puts what the upstream needs in the endpoint.
    /// </summary>
    protected virtual HttpMethod GetScrapeMethod(ScrapeRequest request) => HttpMethod.Post;

    /// <summary>
    /// Hook <see cref="ProviderHook.BuildScrapePayload"/>. There is no common scrape format, so a provider that
    /// does not override it (and does not scrape with <c>GET</c>) serves no scraping, and this throws before
    /// anything is sent.
    /// </summary>
    /// <exception cref="NotSupportedException">Always, unless overridden.</exception>
    protected virtual void BuildScrapePayload(Utf8JsonWriter writer, ScrapeRequest request) => throw NotServed("scraping");

    /// <summary>Hook <see cref="ProviderHook.ParseScrapeResponse"/>: no default format (see <see cref="BuildScrapePayload"/>).</summary>
    /// <exception cref="NotSupportedException">Always, unless overridden.</exception>
    protected virtual ScrapeResponse ParseScrapeResponse(ReadOnlyMemory<byte> body, ScrapeRequest request) => throw NotServed("scraping");
}
