namespace ModelMesh.Core.Tests.Connectors;

/// <summary><c>Mesh.Create</c> turns on the native connectors from their key variables.</summary>
public sealed class NativeDetectionTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    public static TheoryData<string, string, string> Keys => new()
    {
        { "GEMINI_API_KEY", "google", "google.gemini-2.5-flash" },
        { "GOOGLE_API_KEY", "google", "google.gemini-2.5-flash" },
        { "ANTHROPIC_API_KEY", "anthropic", "anthropic.claude-sonnet-4-20250514" },
        { "COHERE_API_KEY", "cohere", "cohere.command-a-03-2025" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_native_vendors_key_turns_on_its_connector_with_its_catalogue(string variable, string vendor, string aModel)
    {
        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = Env((variable, "key-1234567890")) });

        var provider = Assert.Single(client.Providers);
        Assert.Equal(vendor, provider.Id);
        Assert.Contains(aModel, client.PoolStatus("chat-completion").Models.Select(m => m.ModelId));
    }

    [Fact]
    public void With_both_Google_variables_one_provider_is_made_from_GEMINI_API_KEY()
    {
        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = Env(("GOOGLE_API_KEY", "old-key-123456"), ("GEMINI_API_KEY", "new-key-123456")) });

        var provider = Assert.Single(client.Providers);
        Assert.Equal("google", provider.Id);
        Assert.Equal("new-key-123456", provider.Options.ApiKey);
    }
}
