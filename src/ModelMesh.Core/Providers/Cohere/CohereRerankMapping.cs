namespace ModelMesh.Providers.Cohere;

/// <summary>Rerank requests and responses between the CDK's types and Cohere's v2 records.</summary>
internal static class CohereRerankMapping
{
    public static CohereRerankRequest Request(RerankRequest request) => new()
    {
        Model = request.Model,
        Query = request.Query,
        Documents = request.Documents,
        TopN = request.TopN,
    };

    public static RerankResponse Response(CohereRerankResponse response, RerankRequest request)
    {
        var results = response.Results ?? throw new InvalidDataException("Cohere's rerank response has no 'results'.");
        var ranked = new List<RerankResult>(results.Count);
        foreach (var result in results)
        {
            if (result.Index < 0 || result.Index >= request.Documents.Count)
            {
                throw new InvalidDataException($"Cohere's rerank result index {result.Index} is outside the {request.Documents.Count} documents sent.");
            }
            ranked.Add(new RerankResult
            {
                Index = result.Index,
                RelevanceScore = result.RelevanceScore,
                Document = request.ReturnDocuments == true ? request.Documents[result.Index] : null,
            });
        }
        var units = response.Meta?.BilledUnits?.SearchUnits;
        return new RerankResponse
        {
            Model = request.Model,
            Results = ranked,
            Usage = units is double u ? new RerankUsage { SearchUnits = (int)u } : null,
        };
    }
}
