using Microsoft.Extensions.AI;
using ModelMesh.Cdk;
using ModelMesh.ChatClients;
using ModelMesh.Core.Tests.Routing;

namespace ModelMesh.Core.Tests.ChatClients;

/// <summary>
/// The chat-client provider's two stream limits: the first update within the request timeout, then silence between
/// updates within the idle timeout, each a typed timeout naming what did not arrive.
/// </summary>
public sealed class ChatClientStreamTimeoutTests
{
    private static ChatClientProvider Provider(IChatClient client, TimeSpan requestTimeout, TimeSpan idleTimeout) =>
        new(new ProviderOptions("a", new Uri("http://127.0.0.1/")) { RequestTimeout = requestTimeout, StreamIdleTimeout = idleTimeout }, client, ["m"]);

    private static ScriptedChatClient.Step WordsThenHang(params string[] words) =>
        new(words.Select(w => new ChatResponseUpdate(Microsoft.Extensions.AI.ChatRole.Assistant, w)).ToList(), Hang: true);

    [Fact]
    public async Task A_stream_that_stalls_after_its_first_updates_is_a_timeout_naming_the_idle_limit()
    {
        var client = new ScriptedChatClient().Enqueue(WordsThenHang("one", "two", "three"));
        using var provider = Provider(client, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300));
        var received = new List<string?>();

        var error = await Assert.ThrowsAnyAsync<ProviderException>(async () =>
        {
            await foreach (var chunk in provider.StreamAsync(MeshFixture.Ask(model: "m")).WithCancellation(CancellationToken.None))
            {
                received.Add(chunk.Choices[0].Delta.Content);
            }
        }).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(["one", "two", "three"], received);
        Assert.Equal(ProviderErrorCategory.Timeout, error.Category);
        Assert.Contains("No update from the chat client within 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_whose_first_update_never_comes_is_bounded_by_the_request_timeout()
    {
        var client = new ScriptedChatClient().Enqueue(ScriptedChatClient.Hangs());
        using var provider = Provider(client, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAnyAsync<ProviderException>(async () =>
        {
            await foreach (var _ in provider.StreamAsync(MeshFixture.Ask(model: "m")))
            {
            }
        }).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(ProviderErrorCategory.Timeout, error.Category);
        Assert.Contains("No first update from the chat client within 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Updates_that_keep_coming_within_the_idle_limit_are_not_cut_by_the_request_timeout()
    {
        // The request timeout bounds only the first update: a stream longer than it, never silent for long, completes.
        var client = new SlowChatClient(updates: 6, gap: TimeSpan.FromMilliseconds(100));
        using var provider = Provider(client, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        var count = 0;

        await foreach (var chunk in provider.StreamAsync(MeshFixture.Ask(model: "m")).WithCancellation(CancellationToken.None))
        {
            count += chunk.Choices.Count > 0 && chunk.Choices[0].Delta.Content is not null ? 1 : 0;
        }

        Assert.Equal(6, count);
    }

    private sealed class SlowChatClient(int updates, TimeSpan gap) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < updates; i++)
            {
                await Task.Delay(gap, cancellationToken);
                yield return new ChatResponseUpdate(Microsoft.Extensions.AI.ChatRole.Assistant, "w" + i);
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
