using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Providers.Anthropic;

/// <summary>
/// Prompt caching: <c>cache_control</c> set by the caller on a content part, a whole message (LiteLLM's convention)
/// or a tool reaches the matching Anthropic block unchanged; nothing is marked that the caller did not mark.
/// </summary>
public sealed class AnthropicCacheControlTests
{
    private static readonly JsonElement Ephemeral = JsonText.Parse("""{"type":"ephemeral"}""", "test");

    private static Dictionary<string, JsonElement> Cached() => new() { ["cache_control"] = Ephemeral };

    [Fact]
    public async Task Cache_marks_on_parts_messages_and_tools_go_to_their_blocks()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerJson("messages.json");
        var longDocument = new ChatContentPart { Type = "text", Text = "A long reference document.", AdditionalProperties = Cached() };
        var system = ChatMessage.System("You answer from the document.");
        system.AdditionalProperties = Cached();
        var tool = ChatTool.CreateFunction("lookup", "Looks a term up");
        tool.AdditionalProperties = Cached();

        await f.Provider.CompleteAsync(new ChatCompletionRequest
        {
            Model = "claude-haiku-4-5-20251001",
            Messages = [system, ChatMessage.User([longDocument, ChatContentPart.FromText("What does it say?")])],
            Tools = [tool],
        });

        var body = f.SentBody();
        Assert.Equal("""[{"type":"text","text":"You answer from the document.","cache_control":{"type":"ephemeral"}}]""", body.GetProperty("system").GetRawText());
        var content = body.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("ephemeral", content[0].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.False(content[1].TryGetProperty("cache_control", out _)); // only what the caller marked
        Assert.Equal("ephemeral", body.GetProperty("tools")[0].GetProperty("cache_control").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_message_level_mark_caches_up_to_the_message_s_last_block()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerJson("messages.json");
        var user = ChatMessage.User([ChatContentPart.FromText("first"), ChatContentPart.FromText("second")]);
        user.AdditionalProperties = Cached();

        await f.Provider.CompleteAsync(new ChatCompletionRequest { Model = "claude-haiku-4-5-20251001", Messages = [user] });

        var content = f.SentBody().GetProperty("messages")[0].GetProperty("content");
        Assert.False(content[0].TryGetProperty("cache_control", out _));
        Assert.Equal("ephemeral", content[1].GetProperty("cache_control").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_system_message_with_a_non_text_part_is_refused_naming_the_part()
    {
        await using var f = await AnthropicFixture.StartAsync();
        var system = new ChatMessage { Role = ChatRole.System, ContentParts = [ChatContentPart.FromImageUrl("https://example.com/a.png")] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            f.Provider.CompleteAsync(new ChatCompletionRequest { Model = "claude-haiku-4-5-20251001", Messages = [system, ChatMessage.User("hi")] }));

        Assert.Contains("messages[0].content[0]", error.Message, StringComparison.Ordinal);
        Assert.Empty(f.Upstream.Requests);
    }
}
