using Microsoft.Extensions.AI;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.Gateway.Tests;

/// <summary>Microsoft.Extensions.AI's OpenAI adapter (<c>AsIChatClient()</c>, 10.11.0) over the official SDK, against the gateway.</summary>
public sealed class ExtensionsAICompatibilityTests
{
    [Fact]
    public async Task IChatClient_chat_through_the_gateway()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueJson(Upstream.Completion("Hello from the mesh"));
        using var client = ClientCompatibilityTests.Client(gateway).GetChatClient("chat").AsIChatClient();

        var response = await client.GetResponseAsync([new Meai.ChatMessage(Meai.ChatRole.User, "Hi")], new ChatOptions { Temperature = 0.5f }).Within();

        Assert.Equal("Hello from the mesh", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(5, response.Usage?.InputTokenCount);
        Assert.Equal(3, response.Usage?.OutputTokenCount);
        Assert.Contains("\"temperature\":0.5", gateway["a"].Requests.Single().Body!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IChatClient_streaming_through_the_gateway()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueSse(Upstream.Stream("Hel", "lo", "!"));
        using var client = ClientCompatibilityTests.Client(gateway).GetChatClient("chat").AsIChatClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new Meai.ChatMessage(Meai.ChatRole.User, "Hi")], cancellationToken: timeout.Token))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("Hello!", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single();
        Assert.Equal(7, usage.Details.TotalTokenCount);
    }
}
