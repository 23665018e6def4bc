namespace ModelMesh.Providers.Jina;

/// <summary>
/// The answer of the reader (<c>GET https://r.jina.ai/{url}</c> with <c>Accept: application/json</c>):
/// <c>{code, status, data:{title, description, url, content, usage}}</c>; an error carries <c>code</c> (an HTTP
/// status), <c>name</c> and <c>message</c> and no <c>data</c>.
/// </summary>
internal sealed class JinaReaderResponse
{
    public int? Code { get; init; }

    public int? Status { get; init; }

    public string? Message { get; init; }

    public JinaReaderPage? Data { get; init; }
}

internal sealed class JinaReaderPage
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    /// <summary>The page as Markdown (the reader's default format).</summary>
    public string? Content { get; init; }
}
