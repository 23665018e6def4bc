using ModelMesh.Core.Tests.Routing;
using ModelMesh.Telemetry;

namespace ModelMesh.Core.Tests.Telemetry;

/// <summary>The mesh's instruments, read through <c>MetricCollector</c> from a meter the application's factory created.</summary>
public sealed class MeshMetricsTests
{
    [Fact]
    public async Task A_failover_records_both_attempts_the_tokens_the_failover_and_the_money_spent()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("down"), 500);
        fx["b"].EnqueueJson(MeshFixture.CompletionJson("hello", prompt: 1000, completion: 500));
        using var meters = new TestMeterFactory();
        using var duration = meters.Collect<double>(MeshTelemetry.Instruments.OperationDuration);
        using var tokens = meters.Collect<long>(MeshTelemetry.Instruments.TokenUsage);
        using var failovers = meters.Collect<long>(MeshTelemetry.Instruments.Failovers);
        using var spent = meters.Collect<double>(MeshTelemetry.Instruments.BudgetSpent);
        using var ttfc = meters.Collect<double>(MeshTelemetry.Instruments.TimeToFirstChunk);
        using var mesh = MeshTracingTests.APreferred(fx).UseMeterFactory(meters).Build();

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        var calls = duration.GetMeasurementSnapshot();
        Assert.Equal(2, calls.Count);
        var failed = Assert.Single(calls, m => m.Tags["gen_ai.provider.name"] as string == "a");
        Assert.Equal("server", failed.Tags["error.type"]);
        Assert.Equal("chat", failed.Tags["gen_ai.operation.name"]);
        Assert.Equal("m", failed.Tags["gen_ai.request.model"]);
        var answered = Assert.Single(calls, m => m.Tags["gen_ai.provider.name"] as string == "b");
        Assert.False(answered.Tags.ContainsKey("error.type"));
        Assert.Equal("m", answered.Tags["gen_ai.response.model"]);
        Assert.All(calls, m => Assert.True(m.Value >= 0));

        var used = tokens.GetMeasurementSnapshot();
        Assert.Equal(2, used.Count); // the failed attempt used none
        Assert.Equal(1000, Assert.Single(used, m => m.Tags["gen_ai.token.type"] as string == "input").Value);
        Assert.Equal(500, Assert.Single(used, m => m.Tags["gen_ai.token.type"] as string == "output").Value);
        Assert.All(used, m => Assert.Equal("b", m.Tags["gen_ai.provider.name"]));

        var failover = Assert.Single(failovers.GetMeasurementSnapshot());
        Assert.Equal(1, failover.Value);
        Assert.Equal("chat", failover.Tags["modelmesh.pool"]);
        Assert.Equal("a.m", failover.Tags["modelmesh.model"]);
        Assert.Equal("server", failover.Tags["modelmesh.failover_reason"]);

        // 1,000 input tokens at $0.001 per 1K and 500 output at $0.002 per 1K.
        var cost = Assert.Single(spent.GetMeasurementSnapshot());
        Assert.Equal(0.002, cost.Value, 9);
        Assert.Equal("b.m", cost.Tags["modelmesh.model"]);
        Assert.Equal((double)mesh.Usage.Total.Cost, spent.GetMeasurementSnapshot().Sum(m => m.Value), 9);

        Assert.Empty(ttfc.GetMeasurementSnapshot()); // not a stream
    }

    [Fact]
    public async Task A_stream_records_its_time_to_first_chunk()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].EnqueueSse(MeshFixture.Stream("Hello"));
        using var meters = new TestMeterFactory();
        using var ttfc = meters.Collect<double>(MeshTelemetry.Instruments.TimeToFirstChunk);
        using var duration = meters.Collect<double>(MeshTelemetry.Instruments.OperationDuration);
        using var mesh = MeshTracingTests.APreferred(fx, [MeshFixture.Model("a")]).UseMeterFactory(meters).Build();

        var chunks = mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync());
        var first = Assert.Single(ttfc.GetMeasurementSnapshot());
        Assert.Empty(duration.GetMeasurementSnapshot()); // the call lasts until the stream ends
        while (await chunks.MoveNextAsync())
        {
        }
        await chunks.DisposeAsync();

        Assert.Equal("a", first.Tags["gen_ai.provider.name"]);
        Assert.Equal("m", first.Tags["gen_ai.response.model"]);
        Assert.True(first.Value >= 0);
        Assert.True(Assert.Single(duration.GetMeasurementSnapshot()).Value >= first.Value);
    }

    [Fact]
    public async Task A_deactivation_is_counted_and_the_active_models_gauge_drops()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("down"), 500);
        fx.AlwaysAnswer("b");
        using var meters = new TestMeterFactory();
        using var deactivations = meters.Collect<long>(MeshTelemetry.Instruments.Deactivations);
        using var active = meters.Collect<int>(MeshTelemetry.Instruments.ActiveModels);
        using var mesh = MeshTracingTests.APreferred(fx, failureThreshold: 1).UseMeterFactory(meters).Build();

        active.RecordObservableInstruments();
        Assert.Equal(2, Assert.Single(active.GetMeasurementSnapshot(), m => m.Tags["modelmesh.pool"] as string == "chat").Value);

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        var deactivation = Assert.Single(deactivations.GetMeasurementSnapshot());
        Assert.Equal("a.m", deactivation.Tags["modelmesh.model"]);
        Assert.Equal("error_threshold", deactivation.Tags["modelmesh.deactivation_reason"]);
        active.Clear();
        active.RecordObservableInstruments();
        Assert.Equal(1, Assert.Single(active.GetMeasurementSnapshot(), m => m.Tags["modelmesh.pool"] as string == "chat").Value);

        Assert.True(mesh.Deactivate("b.m"));
        Assert.False(mesh.Deactivate("b.m")); // already on standby: not counted again
        var manual = Assert.Single(deactivations.GetMeasurementSnapshot(), m => m.Tags["modelmesh.model"] as string == "b.m");
        Assert.Equal("manual", manual.Tags["modelmesh.deactivation_reason"]);
        active.Clear();
        active.RecordObservableInstruments();
        Assert.Equal(0, Assert.Single(active.GetMeasurementSnapshot(), m => m.Tags["modelmesh.pool"] as string == "chat").Value);
    }

    [Fact]
    public async Task A_disposed_mesh_reports_no_more_active_models()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        using var meters = new TestMeterFactory();
        using var active = meters.Collect<int>(MeshTelemetry.Instruments.ActiveModels);
        var mesh = fx.Builder().UseMeterFactory(meters).AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion" }).Build();

        active.RecordObservableInstruments();
        Assert.NotEmpty(active.GetMeasurementSnapshot());
        mesh.Dispose();
        active.Clear();
        active.RecordObservableInstruments();

        Assert.Empty(active.GetMeasurementSnapshot());
    }
}
