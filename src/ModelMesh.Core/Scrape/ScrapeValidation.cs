namespace ModelMesh;

/// <summary>The checks a scrape request passes before it is routed or sent.</summary>
internal static class ScrapeValidation
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming what is wrong; <paramref name="needsModel"/> for a provider's call.</summary>
    public static void Validate(ScrapeRequest request, bool needsModel = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? error = null;
        if (needsModel && string.IsNullOrWhiteSpace(request.Model))
        {
            error = "The scrape request has no 'model'.";
        }
        else if (string.IsNullOrWhiteSpace(request.Url))
        {
            error = "The scrape request has no 'url'.";
        }
        else if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var address))
        {
            // The address is the caller's own input, but may carry credentials (user:password@host): never echoed.
            error = "The scrape request's 'url' is not an absolute address; give one such as https://example.com/page.";
        }
        else if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            error = $"The scrape request's 'url' has the scheme '{address.Scheme}'; only http and https pages can be read.";
        }
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(request));
        }
    }
}
