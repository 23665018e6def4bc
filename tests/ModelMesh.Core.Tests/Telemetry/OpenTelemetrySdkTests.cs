using System.Diagnostics;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ModelMesh.Core.Tests.Telemetry;

/// <summary>The OpenTelemetry SDK picks the mesh's spans and metrics up by the documented names.</summary>
[Collection(ListenerCollection.Name)]
public sealed class OpenTelemetrySdkTests
{
    [Fact]
    public async Task AddSource_and_AddMeter_with_the_mesh_names_export_its_spans_and_metrics()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("down"), 500);
        fx["b"].EnqueueJson(MeshFixture.CompletionJson("hello"));
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(MeshTelemetry.ActivitySourceName).AddInMemoryExporter(spans).Build())
        using (var metering = Sdk.CreateMeterProviderBuilder().AddMeter(MeshTelemetry.MeterName).AddInMemoryExporter(metrics).Build())
        using (var mesh = MeshTracingTests.APreferred(fx).Build())
        {
            await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
            tracing.ForceFlush();
            metering.ForceFlush();
        }

        var request = Assert.Single(spans, s => s.DisplayName == "chat chat");
        var attempts = spans.Where(s => s.ParentSpanId == request.SpanId).ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.All(attempts, a => Assert.Equal("chat m", a.DisplayName));
        Assert.Contains(metrics, m => m.Name == MeshTelemetry.Instruments.OperationDuration && m.Unit == "s");
        Assert.Contains(metrics, m => m.Name == MeshTelemetry.Instruments.TokenUsage && m.Unit == "{token}");
        Assert.Contains(metrics, m => m.Name == MeshTelemetry.Instruments.Failovers);
        Assert.Contains(metrics, m => m.Name == MeshTelemetry.Instruments.ActiveModels);
    }
}
