using System.Text;
using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers;

/// <summary>
/// Defect 2 of the correctness issue, provider side: the stream idle timeout counts from the last event, so
/// keep-alive comments cannot keep a silent stream open; and no timeout value, however large, crashes a call.
/// </summary>
public sealed class KeepAliveTests
{
    [Fact]
    public async Task Keep_alive_comments_do_not_reset_the_idle_timeout()
    {
        await using var f = await ProviderFixture.StartAsync(url => new ProviderOptions("p", url) { ApiKey = ProviderFixture.ApiKey, StreamIdleTimeout = TimeSpan.FromSeconds(1) });
        f.Upstream.Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, ProviderFixture.Chunk("Hello"));
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await LoopbackUpstream.WriteAndFlushAsync(context, ": ping\n\n");
                await Task.Delay(100, context.RequestAborted);
            }
        });
        var texts = new List<string?>();

        var error = await Assert.ThrowsAsync<ProviderTimeoutException>(async () =>
        {
            await foreach (var chunk in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
                texts.Add(chunk.Choices[0].Delta.Content);
            }
        }).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(["Hello"], texts);
        Assert.Contains("stream data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeouts_too_long_for_a_timer_mean_none()
    {
        await using var f = await ProviderFixture.StartAsync(url => new ProviderOptions("p", url)
        {
            ApiKey = ProviderFixture.ApiKey,
            RequestTimeout = TimeSpan.MaxValue,
            StreamIdleTimeout = TimeSpan.FromHours(10_000_000),
        });
        f.Upstream.EnqueueJson("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}");
        f.Upstream.EnqueueBytes(Encoding.UTF8.GetBytes(ProviderFixture.Chunk("streamed", "stop") + "data: [DONE]\n\n"), "text/event-stream");

        var whole = await f.Provider.CompleteAsync(ProviderFixture.Request());
        var parts = new List<string?>();
        await foreach (var chunk in f.Provider.StreamAsync(ProviderFixture.Request()))
        {
            parts.Add(chunk.Choices[0].Delta.Content);
        }

        Assert.Equal("ok", whole.Choices[0].Message.Content);
        Assert.Equal(["streamed"], parts);
    }
}
