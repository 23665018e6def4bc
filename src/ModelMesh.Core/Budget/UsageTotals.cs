namespace ModelMesh;

/// <summary>Requests, tokens and cost for one model or provider.</summary>
public sealed record UsageTotals
{
    /// <summary>Requests that completed (successfully or not) and were charged.</summary>
    public long Requests { get; init; }

    /// <summary>Prompt tokens.</summary>
    public long PromptTokens { get; init; }

    /// <summary>Completion tokens.</summary>
    public long CompletionTokens { get; init; }

    /// <summary>All tokens.</summary>
    public long TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>Dollars.</summary>
    public decimal Cost { get; init; }

    internal static UsageTotals Zero { get; } = new();

    internal UsageTotals Add(long prompt, long completion, decimal cost) => new()
    {
        Requests = Requests + 1,
        PromptTokens = PromptTokens + prompt,
        CompletionTokens = CompletionTokens + completion,
        Cost = Cost + cost,
    };
}
