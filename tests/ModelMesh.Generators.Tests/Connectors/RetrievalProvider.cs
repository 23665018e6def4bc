using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

/// <summary>Every rerank and search hook, in each accepted shape: wire records with and without the request, the writer form and the raw body.</summary>
[Provider("retrieval.test.v1", BaseUrl = "https://retrieval.example.com")]
[ModelInfo("ranker", "reranking", PricePerRequest = 0.001)]
[ModelInfo("finder", "web-search", PricePerRequest = 0.002)]
public partial class RetrievalProvider : BaseProvider
{
    [HookOverride(ProviderHook.GetRerankEndpoint)]
    private static string RerankEndpoint(RerankRequest request) => "/rank/" + request.Model;

    [HookOverride(ProviderHook.BuildRerankPayload)]
    private static RankBody BuildRerank(RerankRequest request) => new() { Q = request.Query, Docs = request.Documents, Limit = request.TopN };

    [HookOverride(ProviderHook.ParseRerankResponse)]
    private static RerankResponse ParseRerank(RankAnswer answer, RerankRequest request) => new()
    {
        Model = request.Model,
        Results = answer.Ranked.Select(r => new RerankResult { Index = r.At, RelevanceScore = r.Score }).ToArray(),
    };

    [HookOverride(ProviderHook.GetSearchEndpoint)]
    private static string SearchEndpoint() => "/find";

    [HookOverride(ProviderHook.BuildSearchPayload)]
    private static void BuildSearch(Utf8JsonWriter writer, SearchRequest request)
    {
        writer.WriteStartObject();
        writer.WriteString("terms", request.Query);
        writer.WriteEndObject();
    }

    [HookOverride(ProviderHook.ParseSearchResponse)]
    private static SearchResponse ParseSearch(ReadOnlyMemory<byte> body) => new()
    {
        Model = "finder",
        Results = [new SearchResult { Title = "raw", Url = "https://raw.example/", Snippet = Encoding.UTF8.GetString(body.Span) }],
    };
}

public sealed class RankBody
{
    public required string Q { get; init; }

    public required IReadOnlyList<string> Docs { get; init; }

    public int? Limit { get; init; }
}

public sealed class RankAnswer
{
    public required List<RankedDoc> Ranked { get; init; }
}

public sealed class RankedDoc
{
    public int At { get; init; }

    [JsonPropertyName("s")]
    public double Score { get; init; }
}
