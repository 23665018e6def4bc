namespace ModelMesh.Providers.Jina;

/// <summary>Jina's rerank answer as the CDK's <see cref="RerankResponse"/>.</summary>
internal static class JinaRerankMapping
{
    public static RerankResponse Response(JinaRerankResponse response, RerankRequest request)
    {
        var results = response.Results ?? throw new InvalidDataException("Jina's rerank response has no 'results'.");
        var ranked = new List<RerankResult>(results.Count);
        foreach (var result in results)
        {
            if (result.Index < 0 || result.Index >= request.Documents.Count)
            {
                throw new InvalidDataException($"Jina's rerank result index {result.Index} is outside the {request.Documents.Count} documents sent.");
            }
            ranked.Add(new RerankResult
            {
                Index = result.Index,
                RelevanceScore = result.RelevanceScore,
                Document = request.ReturnDocuments == true ? result.Document?.Text ?? request.Documents[result.Index] : null,
            });
        }
        return new RerankResponse
        {
            Model = response.Model ?? request.Model,
            Results = ranked,
            Usage = response.Usage?.TotalTokens is int tokens ? new RerankUsage { TotalTokens = tokens } : null,
        };
    }
}
