using ModelMesh.Configuration;

namespace ModelMesh;

/// <summary>
/// The built-in configuration templates, after ModelMesh's <c>config/templates.py</c>: <c>cost-optimized</c>,
/// <c>latency-optimized</c>, <c>high-availability</c>, <c>development</c> and <c>balanced</c>. A file applies one
/// with a top-level <c>template: &lt;name&gt;</c>; code with <see cref="Get"/>. Names accept <c>_</c> for <c>-</c>.
/// </summary>
public static class MeshTemplates
{
    private static readonly ConfigLocation Origin = ConfigLocation.Root("built-in template");

    /// <summary>Cost-first rotation; budget 5 $/day, 50 $/month.</summary>
    public static MeshTemplate CostOptimized { get; } = new()
    {
        Name = "cost-optimized",
        Description = "Cheapest model first, with a daily budget of 5 and a monthly budget of 50 US dollars.",
        Strategy = "modelmesh.cost-first.v1",
        Budget = new BudgetConfiguration { DailyLimit = 5m, MonthlyLimit = 50m, Location = Origin },
    };

    /// <summary>Latency-first rotation.</summary>
    public static MeshTemplate LatencyOptimized { get; } = new()
    {
        Name = "latency-optimized",
        Description = "Fastest model first (lowest average latency over the window).",
        Strategy = "modelmesh.latency-first.v1",
    };

    /// <summary>Stick until failure, deactivate after 2 failures, cool down for 30 s.</summary>
    public static MeshTemplate HighAvailability { get; } = new()
    {
        Name = "high-availability",
        Description = "Fail over fast: a model leaves rotation after 2 consecutive failures and returns after 30 seconds.",
        Strategy = PoolConfiguration.DefaultStrategy,
        FailureThreshold = 2,
        Cooldown = TimeSpan.FromSeconds(30),
    };

    /// <summary>Console observability.</summary>
    public static MeshTemplate Development { get; } = new()
    {
        Name = "development",
        Description = "Routing events and traces written to the console.",
        Observability = new ConnectorConfiguration { Connector = "modelmesh.console.v1", Location = Origin },
    };

    /// <summary>Load-balanced rotation (by <c>model_weights</c>); budget 20 $/day, 200 $/month.</summary>
    public static MeshTemplate Balanced { get; } = new()
    {
        Name = "balanced",
        Description = "Spread load by model_weights, with a daily budget of 20 and a monthly budget of 200 US dollars.",
        Strategy = "modelmesh.load-balanced.v1",
        Budget = new BudgetConfiguration { DailyLimit = 20m, MonthlyLimit = 200m, Location = Origin },
    };

    /// <summary>Every built-in template, in the order listed above.</summary>
    public static IReadOnlyList<MeshTemplate> All { get; } = [CostOptimized, LatencyOptimized, HighAvailability, Development, Balanced];

    /// <summary>The template's names.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(t => t.Name).ToArray();

    /// <summary>The template named <paramref name="name"/> (case-insensitive; <c>_</c> for <c>-</c> accepted), or false.</summary>
    public static bool TryGet(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MeshTemplate? template)
    {
        var normalized = name?.Trim().Replace('_', '-');
        template = All.FirstOrDefault(t => string.Equals(t.Name, normalized, StringComparison.OrdinalIgnoreCase));
        return template is not null;
    }

    /// <summary>The template named <paramref name="name"/>.</summary>
    /// <exception cref="ConfigurationException">No such template; the message lists the five.</exception>
    public static MeshTemplate Get(string name) =>
        TryGet(name, out var template) ? template : throw new ConfigurationException(UnknownMessage(name));

    internal static string UnknownMessage(string name)
    {
        var nearest = Suggestions.Nearest(name.Replace('_', '-'), Names);
        var hint = nearest is null ? string.Empty : $" Did you mean '{nearest}'?";
        return $"Unknown template '{name}'.{hint} Templates: {string.Join(", ", Names)}.";
    }
}
