namespace ModelMesh;

/// <summary>A request to read one web page as Markdown (<c>client.Scrape.CreateAsync</c>).</summary>
public sealed class ScrapeRequest
{
    /// <summary>The pool, capability (for example <c>content-extraction</c>) or model to use.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>The absolute <c>http</c> or <c>https</c> address of the page to read.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>
    /// Whether to keep only the page's main content (no navigation, headers, footers); null leaves it to the
    /// upstream. Upstreams that always extract the main content ignore it.
    /// </summary>
    public bool? OnlyMainContent { get; set; }

    /// <summary>A shallow copy whose fields can be changed independently.</summary>
    public ScrapeRequest Clone() => (ScrapeRequest)MemberwiseClone();
}
