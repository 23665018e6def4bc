using ModelMesh.Cdk;

namespace ModelMesh.Providers.Jina;

/// <summary>The reader's address and answer: the connector's <c>reader_base_url</c> setting, and the page as <see cref="ScrapeResponse"/>.</summary>
internal static class JinaReaderMapping
{
    /// <summary>The <c>config:</c> key naming the reader's base URL, separate from the API's <c>base_url</c>.</summary>
    public const string ReaderBaseUrlKey = "reader_base_url";

    /// <summary>Jina's reader host.</summary>
    public const string DefaultReaderBaseUrl = "https://r.jina.ai";

    /// <summary>The reader's base URL without a trailing slash: the setting, else <see cref="DefaultReaderBaseUrl"/>.</summary>
    /// <exception cref="ConfigurationException">The setting is not an absolute http or https URL.</exception>
    public static string ReaderBaseUrl(ConnectorSettings? settings)
    {
        var configured = settings?.GetString(ReaderBaseUrlKey);
        if (configured is null)
        {
            return DefaultReaderBaseUrl;
        }
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
            || address.Query.Length > 0 || address.Fragment.Length > 0)
        {
            throw settings!.Error(ReaderBaseUrlKey,
                $"The jina.ai.v1 setting '{ReaderBaseUrlKey}' must be an absolute http or https URL without a query, such as {DefaultReaderBaseUrl}.");
        }
        return address.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>The reader takes the page's address as its path: <c>{reader}/https://example.com/page</c>.</summary>
    public static string Endpoint(string readerBaseUrl, ScrapeRequest request) => readerBaseUrl + "/" + request.Url;

    /// <exception cref="InBandErrorException">The answer carries an error code or no page.</exception>
    /// <exception cref="InvalidDataException">The page has no <c>content</c>.</exception>
    public static ScrapeResponse Response(JinaReaderResponse response, ScrapeRequest request)
    {
        if (response.Code is >= 400 || response.Data is null)
        {
            throw new InBandErrorException();
        }
        var page = response.Data;
        return new ScrapeResponse
        {
            Model = request.Model,
            Url = string.IsNullOrEmpty(page.Url) ? request.Url : page.Url,
            Markdown = page.Content ?? throw new InvalidDataException("Jina Reader's response has no 'data.content'."),
            Title = string.IsNullOrEmpty(page.Title) ? null : page.Title,
            Description = string.IsNullOrEmpty(page.Description) ? null : page.Description,
        };
    }
}
