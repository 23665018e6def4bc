using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Configuration;

public class TemplateTests
{
    private const string TwoPools = Base + """
        pools:
          plain:
            capability: chat-completion
          tuned:
            capability: chat-completion
            strategy: modelmesh.round-robin.v1
            failure_threshold: 7
            cooldown_seconds: 5

        """;

    [Fact]
    public void There_are_five_templates()
    {
        Assert.Equal(["cost-optimized", "latency-optimized", "high-availability", "development", "balanced"], MeshTemplates.Names);
    }

    [Theory]
    [InlineData("cost-optimized", "modelmesh.cost-first.v1")]
    [InlineData("latency-optimized", "modelmesh.latency-first.v1")]
    [InlineData("high-availability", "modelmesh.stick-until-failure.v1")]
    [InlineData("balanced", "modelmesh.load-balanced.v1")]
    public void A_template_sets_the_strategy_of_pools_that_do_not_choose_one(string template, string strategy)
    {
        var config = Parse(TwoPools + "template: " + template + "\n");
        Assert.Equal(template, config.Template);
        Assert.Equal(strategy, config.Pools["plain"].Strategy);
        Assert.Equal("modelmesh.round-robin.v1", config.Pools["tuned"].Strategy);
    }

    [Fact]
    public void High_availability_sets_threshold_and_cooldown_but_never_overrides()
    {
        var config = Parse(TwoPools + "template: high-availability\n");
        Assert.Equal(2, config.Pools["plain"].FailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Pools["plain"].Cooldown);
        Assert.Equal(7, config.Pools["tuned"].FailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Pools["tuned"].Cooldown);
    }

    [Fact]
    public void Cost_optimized_adds_a_budget_only_when_the_file_has_none()
    {
        var withTemplate = Parse(TwoPools + "template: cost-optimized\n");
        Assert.Equal(5m, withTemplate.Budget!.DailyLimit);
        Assert.Equal(50m, withTemplate.Budget.MonthlyLimit);

        var withOwnBudget = Parse(TwoPools + "template: cost-optimized\nbudget: { daily_limit: 100 }\n");
        Assert.Equal(100m, withOwnBudget.Budget!.DailyLimit);
        Assert.Null(withOwnBudget.Budget.MonthlyLimit);
    }

    [Fact]
    public void Balanced_budget_is_20_and_200()
    {
        var budget = Parse(TwoPools + "template: balanced\n").Budget!;
        Assert.Equal(20m, budget.DailyLimit);
        Assert.Equal(200m, budget.MonthlyLimit);
    }

    [Fact]
    public void Development_adds_console_observability_unless_the_file_sets_one()
    {
        Assert.Equal("modelmesh.console.v1", Parse(TwoPools + "template: development\n").Observability!.Connector);
        Assert.Equal("modelmesh.null.v1", Parse(TwoPools + "template: development\nobservability: { connector: modelmesh.null.v1 }\n").Observability!.Connector);
        Assert.Null(Parse(TwoPools).Observability);
    }

    [Fact]
    public void Underscore_spelling_of_the_reference_is_accepted()
    {
        Assert.Equal("cost-optimized", Parse(TwoPools + "template: cost_optimized\n").Template);
        Assert.Same(MeshTemplates.LatencyOptimized, MeshTemplates.Get("Latency_Optimized"));
    }

    [Fact]
    public void An_unknown_template_lists_the_five()
    {
        var ex = Fails(TwoPools + "template: cost-optimised\n");
        Assert.Equal(Source, ex.FilePath);
        Assert.Equal(16, ex.Line);
        Assert.Equal("template", ex.KeyPath);
        Assert.Equal("Unknown template 'cost-optimised'. Did you mean 'cost-optimized'? Templates: cost-optimized, latency-optimized, high-availability, development, balanced.", ex.Detail);

        var fromCode = Assert.Throws<ConfigurationException>(() => MeshTemplates.Get("fastest"));
        Assert.Contains("Templates: cost-optimized, latency-optimized", fromCode.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_options_can_supply_a_template_and_the_file_wins()
    {
        var options = new ConfigurationLoadOptions { Template = "balanced", Environment = _ => null };
        Assert.Equal("modelmesh.load-balanced.v1", MeshConfiguration.Parse(TwoPools, Source, options).Pools["plain"].Strategy);
        Assert.Equal("modelmesh.cost-first.v1",
            MeshConfiguration.Parse(TwoPools + "template: cost-optimized\n", Source, options).Pools["plain"].Strategy);
    }

    [Fact]
    public void Templates_are_data_available_in_code()
    {
        var template = MeshTemplates.Get("high-availability");
        Assert.Equal(2, template.FailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(30), template.Cooldown);
        Assert.Null(template.Budget);
        Assert.Equal(5m, MeshTemplates.CostOptimized.Budget!.DailyLimit);
        Assert.False(MeshTemplates.TryGet("nope", out _));
    }

    [Fact]
    public void Without_a_template_the_built_in_defaults_apply()
    {
        var pool = Parse(TwoPools).Pools["plain"];
        Assert.Equal("modelmesh.stick-until-failure.v1", pool.Strategy);
        Assert.Equal(3, pool.FailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(60), pool.Cooldown);
    }
}
