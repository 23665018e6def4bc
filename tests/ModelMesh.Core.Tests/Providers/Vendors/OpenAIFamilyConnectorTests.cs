using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Vendors;

/// <summary>The OpenAI-format vendors, each a CDK class that registers itself: ids, defaults, catalogues, vendor touches.</summary>
public sealed class OpenAIFamilyConnectorTests
{
    public static TheoryData<string, string, string?, string> Vendors => new()
    {
        { "openai.llm.v1", "https://api.openai.com/", "OPENAI_API_KEY", "openai.gpt-4o" },
        { "groq.api.v1", "https://api.groq.com/openai", "GROQ_API_KEY", "groq.llama-3.3-70b-versatile" },
        { "deepseek.api.v1", "https://api.deepseek.com/", "DEEPSEEK_API_KEY", "deepseek.deepseek-reasoner" },
        { "mistral.api.v1", "https://api.mistral.ai/", "MISTRAL_API_KEY", "mistral.mistral-embed" },
        { "together.api.v1", "https://api.together.xyz/", "TOGETHER_API_KEY", "together.meta-llama-3.3-70b-instruct-turbo" },
        { "openrouter.gateway.v1", "https://openrouter.ai/api", "OPENROUTER_API_KEY", "openrouter.auto" },
        { "xai.grok.v1", "https://api.x.ai/", "XAI_API_KEY", "xai.grok-2" },
        { "perplexity.search.v1", "https://api.perplexity.ai/", "PERPLEXITY_API_KEY", "perplexity.sonar" },
        { "lmstudio.local.v1", "http://localhost:1234/", null, "" },
        { "vllm.local.v1", "http://localhost:8000/", null, "" },
        { "localai.local.v1", "http://localhost:8080/", null, "" },
    };

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Each_vendor_registers_its_generated_connector(string id, string baseUrl, string? keyVariable, string aModel)
    {
        var connector = ConnectorRegistry.Get(id);

        Assert.Equal(baseUrl, connector.DefaultBaseUrl?.ToString());
        Assert.Equal(keyVariable, connector.ApiKeyEnv);
        Assert.Equal(keyVariable is not null, connector.RequiresApiKey);
        if (aModel.Length > 0)
        {
            var model = Assert.Single(connector.Catalogue, m => m.Id == aModel);
            Assert.Equal(id.Split('.')[0], model.ProviderId);
        }
        else
        {
            Assert.Empty(connector.Catalogue); // a local server's models are whatever it has loaded
        }
        using var provider = connector.Create(new ProviderOptions("p", new Uri("http://127.0.0.1:9")) { ApiKey = "k" }, new HttpClient());
        Assert.IsAssignableFrom<OpenAICompatibleProvider>(provider);
        Assert.Equal(id, provider.GetType().GetField("ConnectorId")?.GetValue(null));
    }

    [Fact]
    public void Together_ids_are_short_and_lower_case_and_sent_upstream_by_their_full_names()
    {
        var model = Assert.Single(ConnectorRegistry.Get("together.api.v1").Catalogue, m => m.Id == "together.meta-llama-3.1-8b-instruct-turbo");

        Assert.Equal("meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", model.WireModel);
    }

    [Fact]
    public void Perplexity_models_serve_web_search_and_cost_per_request_too()
    {
        var sonar = Assert.Single(ConnectorRegistry.Get("perplexity.search.v1").Catalogue, m => m.Id == "perplexity.sonar");

        Assert.Contains(sonar.Capabilities, c => c.EndsWith("web-search", StringComparison.Ordinal));
        Assert.Equal(0.005m, sonar.Pricing?.PerRequest);
    }

    [Fact]
    public async Task OpenRouter_sends_its_attribution_headers_unless_the_configuration_sets_its_own()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(MeshFixture.CompletionJson("a")).EnqueueJson(MeshFixture.CompletionJson("b"));
        var connector = ConnectorRegistry.Get("openrouter.gateway.v1");
        using (var plain = connector.Create(new ProviderOptions("openrouter", upstream.BaseUrl) { ApiKey = "sk-or" }, null))
        {
            await plain.CompleteAsync(MeshFixture.Ask(model: "openrouter/auto"));
        }
        using (var configured = connector.Create(new ProviderOptions("openrouter", upstream.BaseUrl)
        {
            ApiKey = "sk-or",
            Headers = new Dictionary<string, string> { ["X-Title"] = "My App" },
        }, null))
        {
            await configured.CompleteAsync(MeshFixture.Ask(model: "openrouter/auto"));
        }

        var first = upstream.Requests[0];
        Assert.Equal("https://github.com/modelmesh", first.Header("HTTP-Referer"));
        Assert.Equal("ModelMesh", first.Header("X-Title"));
        Assert.Equal("Bearer sk-or", first.Header("Authorization"));
        Assert.Equal("My App", upstream.Requests[1].Header("X-Title"));
        Assert.Equal("https://github.com/modelmesh", upstream.Requests[1].Header("HTTP-Referer"));
    }
}
