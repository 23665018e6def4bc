namespace ModelMesh.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void Chat_completion_short_name_resolves_to_documented_path() =>
        Assert.Equal("generation.text-generation.chat-completion", Capabilities.Resolve("chat-completion"));
}
