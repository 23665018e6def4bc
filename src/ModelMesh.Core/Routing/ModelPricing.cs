namespace ModelMesh;

/// <summary>What a model costs, in US dollars: per 1,000 prompt tokens, per 1,000 completion tokens and per request.</summary>
/// <param name="InputPer1K">Dollars per 1,000 prompt (input) tokens.</param>
/// <param name="OutputPer1K">Dollars per 1,000 completion (output) tokens.</param>
/// <param name="PerRequest">Dollars charged per request regardless of tokens (search and speech APIs).</param>
public sealed record ModelPricing(decimal InputPer1K, decimal OutputPer1K, decimal PerRequest = 0m)
{
    /// <summary>A model that costs nothing (local runtimes).</summary>
    public static ModelPricing Free { get; } = new(0m, 0m);

    /// <summary>The cost of one request with the given token counts.</summary>
    /// <param name="promptTokens">Prompt (input) tokens.</param>
    /// <param name="completionTokens">Completion (output) tokens.</param>
    public decimal Cost(long promptTokens, long completionTokens) =>
        // Divided by 1,000 as x / 1000m does, bit for bit, without the general division (every decision prices twice).
        Routing.Thousandths.Of(promptTokens * InputPer1K) + Routing.Thousandths.Of(completionTokens * OutputPer1K) + PerRequest;
}
