using System.Globalization;
using System.Text;

namespace ModelMesh.Samples;

/// <summary>Formats the mesh's views (<c>Explain</c>, <c>Usage</c>) for the samples' console output.</summary>
internal static class SampleOutput
{
    /// <summary>A routing dry run: every candidate with its score or why it is excluded, then the choice and why.</summary>
    public static string Format(RoutingExplanation explanation)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"explain '{explanation.PoolId}' ({explanation.Strategy}), about {explanation.EstimatedPromptTokens} prompt tokens:").AppendLine();
        var width = explanation.Candidates.Count == 0 ? 0 : explanation.Candidates.Max(c => c.ModelId.Length);
        foreach (var candidate in explanation.Candidates)
        {
            var mark = candidate.ModelId == explanation.SelectedModel ? "->" : "  ";
            var verdict = candidate.Eligible
                ? string.Create(CultureInfo.InvariantCulture, $"score {candidate.Score,10:0.###}")
                : "excluded: " + candidate.ExcludedBecause;
            text.Append(CultureInfo.InvariantCulture, $"  {mark} {candidate.ModelId.PadRight(width)}  est. ${candidate.EstimatedCost,-10:0.########}  {verdict}").AppendLine();
        }
        text.Append(CultureInfo.InvariantCulture, $"  chosen: {explanation.SelectedModel ?? "(none)"} ({explanation.Reason})");
        return text.ToString();
    }

    /// <summary>Tokens and cost per model, then the total.</summary>
    public static string Format(MeshUsage usage)
    {
        var text = new StringBuilder();
        foreach (var (model, totals) in usage.ByModel.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {model}: {Totals(totals)}").AppendLine();
        }
        text.Append(CultureInfo.InvariantCulture, $"  total: {Totals(usage.Total)}");
        return text.ToString();
    }

    private static string Totals(UsageTotals totals) => string.Create(CultureInfo.InvariantCulture,
        $"{totals.Requests} request(s), {totals.PromptTokens} prompt + {totals.CompletionTokens} completion tokens, ${totals.Cost:0.########}");
}
