using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Telemetry;

namespace ModelMesh.Core.Tests.Telemetry;

/// <summary>
/// <c>LogContent</c>: off (the default), no prompt or answer reaches a log, a span or a metric; on, the prompt and
/// answer are in trace-level events 1004 and 1005 and in the request span's GenAI message attributes.
/// </summary>
public sealed class ContentLoggingTests
{
    private const string Prompt = "What is the secret word?";
    private const string Answer = "The word is pumpernickel";

    private sealed record Captured(IReadOnlyList<FakeLogRecord> Logs, SpanCollector Spans, IReadOnlyList<string> MetricTagValues);

    private static async Task<Captured> RunAsync(bool logContent)
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("down"), 500);
        fx["b"].EnqueueJson(MeshFixture.CompletionJson(Answer));
        fx["b"].EnqueueSse(MeshFixture.Stream("The word", " is pumpernickel"));
        var logs = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var meters = new TestMeterFactory();
        var collectors = new[]
        {
            MeshTelemetry.Instruments.OperationDuration, MeshTelemetry.Instruments.Failovers, MeshTelemetry.Instruments.TimeToFirstChunk,
        }.Select(meters.Collect<double>).ToArray();
        using var tokens = meters.Collect<long>(MeshTelemetry.Instruments.TokenUsage);
        var spans = new SpanCollector();
        using (var mesh = MeshTracingTests.APreferred(fx).UseLoggerFactory(factory).UseMeterFactory(meters).LogContent(logContent).Build())
        {
            await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(Prompt));
            await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask(Prompt)));
        }
        spans.Dispose();
        var tagValues = collectors.SelectMany(c => c.GetMeasurementSnapshot().SelectMany(m => m.Tags.Values))
            .Concat(tokens.GetMeasurementSnapshot().SelectMany(m => m.Tags.Values))
            .Select(v => v?.ToString() ?? string.Empty).ToArray();
        foreach (var collector in collectors)
        {
            collector.Dispose();
        }
        return new Captured(logs.Collector.GetSnapshot(), spans, tagValues);
    }

    private static bool HasContent(string? text) =>
        text is not null && (text.Contains("secret word", StringComparison.Ordinal) || text.Contains("pumpernickel", StringComparison.Ordinal));

    [Fact]
    public async Task With_LogContent_off_no_prompt_or_answer_reaches_logs_spans_or_metrics()
    {
        var captured = await RunAsync(logContent: false);

        Assert.NotEmpty(captured.Logs);
        Assert.Contains(captured.Logs, r => r.Id.Id == 1002); // the failover was logged…
        Assert.DoesNotContain(captured.Logs, r => HasContent(r.Message) || r.StructuredState?.Any(s => HasContent(s.Value)) == true);
        Assert.DoesNotContain(captured.Logs, r => r.Id.Id is 1004 or 1005);
        Assert.NotEmpty(captured.Spans.Stopped); // …and traced…
        Assert.DoesNotContain(captured.Spans.TagTexts, HasContent);
        Assert.DoesNotContain(captured.Spans.Stopped, s => s.GetTagItem("gen_ai.input.messages") is not null || s.GetTagItem("gen_ai.output.messages") is not null);
        Assert.NotEmpty(captured.MetricTagValues); // …and measured, without content
        Assert.DoesNotContain(captured.MetricTagValues, HasContent);
    }

    [Fact]
    public async Task With_LogContent_on_the_prompt_and_answer_are_logged_and_traced()
    {
        var captured = await RunAsync(logContent: true);

        var prompts = captured.Logs.Where(r => r.Id.Id == 1004).ToArray();
        Assert.Equal(2, prompts.Length);
        Assert.All(prompts, p => Assert.Equal(LogLevel.Trace, p.Level));
        Assert.All(prompts, p => Assert.Contains("user: " + Prompt, p.Message, StringComparison.Ordinal));
        var answers = captured.Logs.Where(r => r.Id.Id == 1005).ToArray();
        Assert.Equal(2, answers.Length);
        Assert.All(answers, a => Assert.Contains("b.m answered in pool chat: " + Answer, a.Message, StringComparison.Ordinal));

        var requests = captured.Spans.Stopped.Where(s => s.ParentSpanId == captured.Spans.Root.SpanId).ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r =>
        {
            Assert.Equal("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + Prompt + "\"}]}]", r.GetTagItem("gen_ai.input.messages"));
            Assert.Equal("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"" + Answer + "\"}],\"finish_reason\":\"stop\"}]", r.GetTagItem("gen_ai.output.messages"));
        });
        // Content stays on the request spans: attempt spans and metrics carry none.
        Assert.DoesNotContain(captured.Spans.Stopped.Except(requests).SelectMany(s => s.TagObjects), t => HasContent(t.Value?.ToString()));
        Assert.DoesNotContain(captured.MetricTagValues, HasContent);
    }
}
