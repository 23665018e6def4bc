using ModelMesh.Core.Tests.Routing;

namespace ModelMesh.Core.Tests.Client;

/// <summary>
/// Issue 13, part 3 (client half): a bad <see cref="ChatCompletionRequest"/> is an <see cref="ArgumentException"/>
/// naming the field at fault (its JSON path in <see cref="ArgumentException.ParamName"/>), whole or streamed,
/// before any upstream is called — never a failed attempt at every model, never another exception type.
/// </summary>
public sealed class RequestValidationTests
{
    private static ChatMessage Hi => ChatMessage.User("Hi");

    public static TheoryData<string, Func<ChatCompletionRequest>, string> Corpus() => new()
    {
        { "no messages", () => new() { Model = "chat", Messages = [] }, "messages" },
        { "messages null", () => new() { Model = "chat", Messages = null! }, "messages" },
        { "a null message", () => new() { Model = "chat", Messages = [Hi, null!] }, "messages[1]" },
        { "unknown role", () => new() { Model = "chat", Messages = [new ChatMessage { Role = "wizard", Content = "Hi" }] }, "messages[0].role" },
        { "null role", () => new() { Model = "chat", Messages = [new ChatMessage { Role = null!, Content = "Hi" }] }, "messages[0].role" },
        { "user message without content", () => new() { Model = "chat", Messages = [new ChatMessage { Role = ChatRole.User }] }, "messages[0].content" },
        { "tool message without its call id", () => new() { Model = "chat", Messages = [Hi, new ChatMessage { Role = ChatRole.Tool, Content = "42" }] }, "messages[1].tool_call_id" },
        { "empty model", () => new() { Model = "", Messages = [Hi] }, "model" },
        { "null model", () => new() { Model = null!, Messages = [Hi] }, "model" },
        { "temperature 3", () => new() { Model = "chat", Messages = [Hi], Temperature = 3 }, "temperature" },
        { "temperature NaN", () => new() { Model = "chat", Messages = [Hi], Temperature = double.NaN }, "temperature" },
        { "top_p 1.5", () => new() { Model = "chat", Messages = [Hi], TopP = 1.5 }, "top_p" },
        { "n 0", () => new() { Model = "chat", Messages = [Hi], N = 0 }, "n" },
        { "max_tokens 0", () => new() { Model = "chat", Messages = [Hi], MaxTokens = 0 }, "max_tokens" },
        { "max_tokens negative", () => new() { Model = "chat", Messages = [Hi], MaxTokens = -5 }, "max_tokens" },
        { "five stop sequences", () => new() { Model = "chat", Messages = [Hi], Stop = ["a", "b", "c", "d", "e"] }, "stop" },
        { "a nameless function tool", () => new() { Model = "chat", Messages = [Hi], Tools = [new ChatTool { Function = new FunctionDefinition { Name = "" } }] }, "tools[0].function.name" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_bad_request_is_an_ArgumentException_naming_the_field_and_nothing_is_sent(string name, Func<ChatCompletionRequest> request, string param)
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx.AlwaysAnswer("a");
        using var mesh = fx.Mesh();

        var whole = await Record.ExceptionAsync(() => mesh.Chat.Completions.CreateAsync(request()).WaitAsync(TimeSpan.FromSeconds(10)));
        var streamed = await Record.ExceptionAsync(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(request())).WaitAsync(TimeSpan.FromSeconds(10)));

        foreach (var error in new[] { whole, streamed })
        {
            var argument = Assert.IsAssignableFrom<ArgumentException>(error);
            Assert.True(param == argument.ParamName, $"{name}: ParamName '{argument.ParamName}', not '{param}' ({argument.GetType().Name}: {argument.Message})");
            Assert.Contains("'" + param + "'", argument.Message, StringComparison.Ordinal);
        }
        Assert.Empty(fx["a"].Requests);
        Assert.Equal(0, mesh.PoolStatus("chat").Models.Single().Failures);
    }
}
