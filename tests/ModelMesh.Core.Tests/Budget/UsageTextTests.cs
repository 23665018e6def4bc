using System.Globalization;
using ModelMesh.Core.Tests.Routing;

namespace ModelMesh.Core.Tests.Budget;

/// <summary>Usage prints as text a person reads (totals, each model and provider, the budget), the same in every culture.</summary>
public sealed class UsageTextTests
{
    private static UsageTotals Totals(long requests, long prompt, long completion, decimal cost) =>
        new() { Requests = requests, PromptTokens = prompt, CompletionTokens = completion, Cost = cost };

    private static MeshUsage Sample() => new()
    {
        Total = Totals(3, 1_200, 345, 0.004650m),
        ByModel = new Dictionary<string, UsageTotals>
        {
            ["openai.gpt-4o"] = Totals(2, 1_000, 300, 0.0046m),
            ["anthropic.haiku"] = Totals(1, 200, 45, 0.00005m),
        },
        ByProvider = new Dictionary<string, UsageTotals>
        {
            ["openai"] = Totals(2, 1_000, 300, 0.0046m),
            ["anthropic"] = Totals(1, 200, 45, 0.00005m),
        },
        Budget = new BudgetStatus { DailyUsed = 1.5m, DailyLimit = 10m, MonthlyUsed = 12.25m, Reserved = 0.0001m, Alert = true },
    };

    /// <summary>Runs <paramref name="action"/> with a culture that writes "1.234,5", so culture-dependent output shows.</summary>
    private static T InGerman<T>(Func<T> action)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void MeshUsage_prints_totals_each_model_and_provider_in_order_and_the_budget()
    {
        var text = InGerman(() => Sample().ToString());

        Assert.Equal("""
            3 requests, 1545 tokens (1200 prompt + 345 completion), $0.00465
            by model:
              anthropic.haiku: 1 request, 245 tokens (200 prompt + 45 completion), $0.00005
              openai.gpt-4o: 2 requests, 1300 tokens (1000 prompt + 300 completion), $0.0046
            by provider:
              anthropic: 1 request, 245 tokens (200 prompt + 45 completion), $0.00005
              openai: 2 requests, 1300 tokens (1000 prompt + 300 completion), $0.0046
            budget: today $1.50 of $10.00 ($8.50 left), this month $12.25 (no limit), $0.0001 reserved, alert
            """, text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void UsageTotals_and_BudgetStatus_print_alone_in_the_same_form()
    {
        Assert.Equal("1 request, 245 tokens (200 prompt + 45 completion), $0.00005", InGerman(() => Totals(1, 200, 45, 0.00005m).ToString()));
        Assert.Equal("today $0.00 (no limit), this month $100.00 of $100.00 ($0.00 left), exceeded",
            InGerman(() => new BudgetStatus { MonthlyUsed = 100m, MonthlyLimit = 100m, Exceeded = true }.ToString()));
    }

    [Fact]
    public async Task A_fresh_mesh_prints_its_usage_without_type_names()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx.AlwaysAnswer("a");
        using var mesh = fx.Mesh();
        Assert.Equal("0 requests, 0 tokens (0 prompt + 0 completion), $0.00\nby model: none\nby provider: none\nbudget: today $0.00 (no limit), this month $0.00 (no limit)",
            mesh.Usage.ToString().ReplaceLineEndings("\n"));

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        var text = mesh.Usage.ToString();
        Assert.Contains("  a.m: 1 request, 19 tokens (9 prompt + 10 completion), $0.000029", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }
}
