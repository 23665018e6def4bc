using System.Globalization;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>PoolStatus and RoutingExplanation print what they hold, not type names (correctness issue, item 13).</summary>
public sealed class StatusTextTests
{
    [Fact]
    public async Task Pool_status_and_explanations_read_as_text_in_every_culture()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a");
        using var mesh = fx.Mesh();
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        mesh.Deactivate("b.m");
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var status = mesh.PoolStatus("chat").ToString();
            var explained = mesh.Explain(MeshFixture.Ask()).ToString();

            Assert.Equal(
                "pool chat (modelmesh.stick-until-failure.v1, generation.text-generation.chat-completion): 1 active, 1 standby, next a.m" + Environment.NewLine
                + "  a.m via a: Active, 1 request, 0 failures, error rate 0 over 1" + Environment.NewLine
                + "  b.m via b: Standby (Manual), 0 requests, 0 failures, error rate 0 over 0", status);
            Assert.StartsWith("pool chat (modelmesh.stick-until-failure.v1, generation.text-generation.chat-completion), about ", explained, StringComparison.Ordinal);
            Assert.Contains(": chosen a.m (", explained, StringComparison.Ordinal);
            Assert.Contains("  a.m via a: score 1, estimated $0.", explained, StringComparison.Ordinal);
            Assert.Contains("  b.m via b: excluded (on standby (Manual))", explained, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", status + explained, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
