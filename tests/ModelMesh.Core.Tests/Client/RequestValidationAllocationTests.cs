namespace ModelMesh.Core.Tests.Client;

/// <summary>Checking a valid request runs on every call: it builds no error text, so it allocates nothing.</summary>
public sealed class RequestValidationAllocationTests
{
    [Fact]
    public void A_valid_request_of_many_messages_is_checked_without_allocating()
    {
        var messages = new List<ChatMessage> { ChatMessage.System("Be brief.") };
        for (var i = 0; i < 20; i++)
        {
            messages.Add(ChatMessage.User("question " + i));
            messages.Add(ChatMessage.Assistant("answer " + i));
        }
        var request = new ChatCompletionRequest
        {
            Model = "chat",
            Messages = messages,
            Temperature = 0.5,
            MaxCompletionTokens = 100,
            Tools = [ChatTool.CreateFunction("lookup")],
        };
        request.Validate(); // first call: JIT and static initialisation

        var before = GC.GetAllocatedBytesForCurrentThread();
        request.Validate();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
