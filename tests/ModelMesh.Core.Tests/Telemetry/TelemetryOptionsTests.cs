using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ModelMesh.Simulation;
using ModelMesh.Telemetry;

namespace ModelMesh.Core.Tests.Telemetry;

/// <summary><c>LogContent</c> and <c>MeterFactory</c> reach the mesh whichever way it is built.</summary>
public sealed class TelemetryOptionsTests
{
    private static ChatCompletionRequest Ask(string model) => new() { Model = model, Messages = [ChatMessage.User("Tell me about pumpernickel")] };

    private static async Task AssertObservedAsync(MeshClient mesh, string model, FakeLoggerProvider logs, TestMeterFactory meters, bool contentLogged)
    {
        using var duration = meters.Collect<double>(MeshTelemetry.Instruments.OperationDuration);

        await mesh.Chat.Completions.CreateAsync(Ask(model));

        Assert.Single(duration.GetMeasurementSnapshot());
        var records = logs.Collector.GetSnapshot();
        Assert.Equal(contentLogged, records.Any(r => r.Id.Id == 1004 && r.Message.Contains("pumpernickel", StringComparison.Ordinal)));
        Assert.Equal(contentLogged, records.Any(r => r.Id.Id == 1005));
    }

    private static ILoggerFactory Factory(FakeLoggerProvider logs) =>
        LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MeshConfigOptions_carry_LogContent_and_the_meter_factory(bool logContent)
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMesh:Providers:sim:Connector"] = "modelmesh.simulated.v1",
            ["ModelMesh:Pools:chat:Capability"] = "chat-completion",
        }).Build();
        var logs = new FakeLoggerProvider();
        using var loggers = Factory(logs);
        using var meters = new TestMeterFactory();
        using var mesh = Mesh.FromConfiguration(root.GetSection("ModelMesh"), new MeshConfigOptions
        {
            LoggerFactory = loggers,
            MeterFactory = meters,
            LogContent = logContent,
            ReloadOnChange = false,
        });

        await AssertObservedAsync(mesh, "chat", logs, meters, logContent);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EmbeddedMeshOptions_carry_LogContent_and_the_meter_factory(bool logContent)
    {
        var logs = new FakeLoggerProvider();
        using var loggers = Factory(logs);
        using var meters = new TestMeterFactory();
        using var embedded = EmbeddedMesh.Create(new EmbeddedMeshOptions
        {
            Environment = _ => null,
            Pace = TimeSpan.Zero,
            LoggerFactory = loggers,
            MeterFactory = meters,
            LogContent = logContent,
        });

        await AssertObservedAsync(embedded.Client, "chat-completion", logs, meters, logContent);
    }
}
