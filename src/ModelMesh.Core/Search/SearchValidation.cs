namespace ModelMesh;

/// <summary>The checks a search request passes before it is routed or sent.</summary>
internal static class SearchValidation
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming what is wrong; <paramref name="needsModel"/> for a provider's call.</summary>
    public static void Validate(SearchRequest request, bool needsModel = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        var error = (request.Model, request.Query, request.MaxResults) switch
        {
            _ when needsModel && string.IsNullOrWhiteSpace(request.Model) => "The search request has no 'model'.",
            _ when string.IsNullOrWhiteSpace(request.Query) => "The search request has no 'query'.",
            (_, _, < 1) => $"The search request's 'max_results' must be at least 1; got {request.MaxResults}.",
            _ => null,
        };
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(request));
        }
    }
}
