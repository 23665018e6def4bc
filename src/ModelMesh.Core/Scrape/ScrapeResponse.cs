namespace ModelMesh;

/// <summary>A web page read by a <see cref="ScrapeRequest"/>: its content as Markdown, and what the upstream says about it.</summary>
public sealed class ScrapeResponse
{
    /// <summary>The model (reader or scraper) that answered.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>The address that was read, as the upstream reports it (the requested one when it does not say).</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The page's content as Markdown.</summary>
    public string Markdown { get; set; } = string.Empty;

    /// <summary>The page's title, when it has one.</summary>
    public string? Title { get; set; }

    /// <summary>The page's description (its <c>description</c> meta tag), when it has one.</summary>
    public string? Description { get; set; }

    /// <summary>The HTTP status the page answered the upstream with, when the upstream reports it.</summary>
    public int? StatusCode { get; set; }
}
