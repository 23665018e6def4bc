using System.Globalization;

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

    /// <summary>For example <c>2 requests, 1300 tokens (1000 prompt + 300 completion), $0.0046</c> (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{UsageText.Count(Requests, "request")}, {TotalTokens} tokens ({PromptTokens} prompt + {CompletionTokens} completion), {UsageText.Money(Cost)}");
}
