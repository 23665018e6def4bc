using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Configuration;

/// <summary>A base-URL or host variable that is not a usable URL is a ConfigurationException naming the variable.</summary>
public class EnvironmentUrlTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }

    private static ConfigurationException Fails(params (string Name, string Value)[] variables) =>
        Assert.Throws<ConfigurationException>(() => Mesh.Create("chat-completion", new MeshOptions { Environment = Env(variables) }));

    public static TheoryData<string, string> KeyRowsWithAConnector()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in EnvironmentDetection.Table.Where(r => !r.IsHost && ConnectorRegistry.TryGet(r.ConnectorId, out _)))
        {
            data.Add(row.Variable, EnvironmentDetection.BaseUrlVariable(row)!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KeyRowsWithAConnector))]
    public void A_base_url_without_a_scheme_names_the_variable(string keyVariable, string urlVariable)
    {
        var ex = Fails((keyVariable, "sk-test-123456"), (urlVariable, "127.0.0.1:8080"));

        Assert.Equal(urlVariable, ex.KeyPath);
        Assert.Equal($"Environment variable {urlVariable} is not an absolute http or https URL: it has no scheme (write http://host:port or https://host/path).", ex.Detail);
        Assert.DoesNotContain("sk-test-123456", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:8080", "it has no scheme (write http://host:port or https://host/path)")]
    [InlineData("ftp://files.example/v1", "its scheme is 'ftp'")]
    [InlineData("http://[::1", "it is not a well-formed URL")]
    [InlineData("/v1/chat", "it has no scheme (write http://host:port or https://host/path)")]
    public void A_base_url_that_is_not_http_says_why_without_echoing_it(string value, string why)
    {
        var ex = Fails(("OPENAI_API_KEY", "sk-test-123456"), ("OPENAI_BASE_URL", value));

        Assert.Equal("OPENAI_BASE_URL", ex.KeyPath);
        Assert.Equal($"Environment variable OPENAI_BASE_URL is not an absolute http or https URL: {why}.", ex.Detail);
    }

    [Fact]
    public void A_base_url_with_a_scheme_still_works()
    {
        using var mesh = Mesh.Create("chat-completion", new MeshOptions { Environment = Env(("OPENAI_API_KEY", "sk-test-123456"), ("OPENAI_BASE_URL", "http://127.0.0.1:8080/v1")) });
        Assert.Equal(["chat-completion"], mesh.Pools);
    }

    [Theory]
    [InlineData("OLLAMA_HOST", "ftp://box", "its scheme is 'ftp'")]
    [InlineData("LMSTUDIO_HOST", "http://[::1", "it is not a well-formed URL")]
    [InlineData("VLLM_HOST", "gpu box", "it is not a well-formed URL")]
    public void A_host_variable_that_is_not_a_host_names_the_variable(string variable, string value, string why)
    {
        var ex = Fails((variable, value));

        Assert.Equal(variable, ex.KeyPath);
        Assert.Equal($"Environment variable {variable} is not a host or an http or https URL: {why}.", ex.Detail);
    }
}
