namespace ModelMesh;

/// <summary>The checks a rerank request passes before it is routed or sent.</summary>
internal static class RerankValidation
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming what is wrong; <paramref name="needsModel"/> for a provider's call.</summary>
    public static void Validate(RerankRequest request, bool needsModel = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? error = null;
        if (needsModel && string.IsNullOrWhiteSpace(request.Model))
        {
            error = "The rerank request has no 'model'.";
        }
        else if (string.IsNullOrWhiteSpace(request.Query))
        {
            error = "The rerank request has no 'query'.";
        }
        else if (request.Documents is null || request.Documents.Count == 0)
        {
            error = "The rerank request has no 'documents'; at least one is required.";
        }
        else if (IndexOfNull(request.Documents) is int index)
        {
            error = $"The rerank request's document {index} is null.";
        }
        else if (request.TopN is < 1)
        {
            error = $"The rerank request's 'top_n' must be at least 1; got {request.TopN}.";
        }
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(request));
        }
    }

    private static int? IndexOfNull(IReadOnlyList<string> documents)
    {
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i] is null)
            {
                return i;
            }
        }
        return null;
    }
}
