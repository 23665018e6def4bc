using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Routing;

public sealed class MeshCreateTests
{
    [Fact]
    public void The_detection_table_has_the_17_key_and_4_host_variables_of_ModelMesh_and_GEMINI_API_KEY()
    {
        var table = EnvironmentDetection.Table;
        Assert.Equal(18, table.Count(r => !r.IsHost));
        Assert.Equal(["GEMINI_API_KEY", "GOOGLE_API_KEY"], table.Where(r => r.Vendor == "google").Select(r => r.Variable));
        Assert.Equal(["OLLAMA_HOST", "LMSTUDIO_HOST", "VLLM_HOST", "LOCALAI_HOST"], table.Where(r => r.IsHost).Select(r => r.Variable));
        Assert.Equal("OPENAI_API_KEY", table[0].Variable);
        Assert.Equal("ASSEMBLYAI_API_KEY", table[17].Variable);
        Assert.Equal(table.Count, table.Select(r => r.Variable).Distinct().Count());
    }

    [Theory]
    [InlineData("openai.llm.v1")]
    [InlineData("groq.api.v1")]
    [InlineData("deepseek.api.v1")]
    [InlineData("mistral.api.v1")]
    [InlineData("together.api.v1")]
    [InlineData("openrouter.gateway.v1")]
    [InlineData("xai.grok.v1")]
    [InlineData("perplexity.search.v1")]
    [InlineData("ollama.local.v1")]
    [InlineData("lmstudio.local.v1")]
    [InlineData("vllm.local.v1")]
    [InlineData("localai.local.v1")]
    public void Every_OpenAI_compatible_row_has_a_working_connector_whose_default_models_exist(string connectorId)
    {
        Assert.True(ConnectorRegistry.TryGet(connectorId, out var connector));
        var row = EnvironmentDetection.Table.Single(r => r.ConnectorId == connectorId);
        Assert.Equal(row.Vendor, connector.Vendor);
        Assert.NotNull(connector.DefaultBaseUrl);
        foreach (var id in row.DefaultModels)
        {
            Assert.Contains(connector.Catalogue, m => m.Id == id);
        }
    }

    [Fact]
    public async Task An_API_key_in_the_environment_makes_a_working_mesh_with_the_vendors_models()
    {
        await using var fx = await MeshFixture.StartAsync("openai");
        fx["openai"].EnqueueJson(MeshFixture.CompletionJson("An API is a contract."));
        var env = Env(("OPENAI_API_KEY", "sk-env-key-123456"), ("OPENAI_BASE_URL", fx["openai"].BaseUrl.ToString()));

        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = env });
        var reply = await client.Chat.Completions.CreateAsync(new() { Model = "chat-completion", Messages = [ChatMessage.User("What is an API?")] });

        Assert.Equal("An API is a contract.", reply.Choices[0].Message.Content);
        var sent = fx["openai"].Requests[0];
        Assert.Equal("Bearer sk-env-key-123456", sent.Headers["Authorization"]);
        Assert.Contains("\"model\":\"gpt-4o\"", sent.Body, StringComparison.Ordinal);
        Assert.Equal(["chat-completion"], client.Pools);
        Assert.Equal(["openai.gpt-4o", "openai.gpt-4o-mini", "openai.gpt-4.1", "openai.gpt-4.1-mini"], client.PoolStatus("chat-completion").Models.Select(m => m.ModelId));
    }

    [Fact]
    public async Task Several_capabilities_a_provider_filter_and_a_strategy_shape_the_pools()
    {
        await using var fx = await MeshFixture.StartAsync("openai", "groq");
        var env = Env(("OPENAI_API_KEY", "sk-a-123456"), ("OPENAI_BASE_URL", fx["openai"].BaseUrl.ToString()), ("GROQ_API_KEY", "gsk-b-123456"), ("GROQ_BASE_URL", fx["groq"].BaseUrl.ToString()));

        using var client = Mesh.Create(["chat-completion", "text-embeddings"], new MeshOptions { Environment = env, Providers = ["openai"], Strategy = "cost-first" });

        Assert.Equal(["chat-completion", "text-embeddings"], client.Pools);
        Assert.Equal(RotationStrategies.CostFirst, client.PoolStatus("chat-completion").Strategy);
        Assert.DoesNotContain(client.PoolStatus("chat-completion").Models, m => m.ProviderId == "groq");
        Assert.Equal("openai.gpt-4o-mini", client.Explain(new() { Model = "chat-completion", Messages = [ChatMessage.User("hi")] }).SelectedModel);
        Assert.Equal(["openai.text-embedding-3-small", "openai.text-embedding-3-large"], client.PoolStatus("text-embeddings").Models.Select(m => m.ModelId));
    }

    [Fact]
    public async Task Keys_given_in_options_win_and_may_be_keyed_by_vendor_or_variable()
    {
        await using var fx = await MeshFixture.StartAsync("groq");
        fx["groq"].EnqueueJson(MeshFixture.CompletionJson("fast"));
        var env = Env(("GROQ_API_KEY", "from-environment-000"), ("GROQ_BASE_URL", fx["groq"].BaseUrl.ToString()));

        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = env, ApiKeys = new Dictionary<string, string> { ["groq"] = "explicit-key-999" } });
        await client.Chat.Completions.CreateAsync(new() { Model = "chat-completion", Messages = [ChatMessage.User("hi")] });

        Assert.Equal("Bearer explicit-key-999", fx["groq"].Requests[0].Headers["Authorization"]);
        Assert.Contains("\"model\":\"llama-3.3-70b-versatile\"", fx["groq"].Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_runtime_host_needs_no_key_and_models_can_be_named()
    {
        await using var fx = await MeshFixture.StartAsync("lmstudio");
        fx["lmstudio"].EnqueueJson(MeshFixture.CompletionJson("local"));
        var env = Env(("LMSTUDIO_HOST", fx["lmstudio"].BaseUrl.Authority));

        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = env, Models = ["lmstudio.qwen2.5-7b-instruct"] });
        await client.Chat.Completions.CreateAsync(new() { Model = "chat-completion", Messages = [ChatMessage.User("hi")] });

        Assert.False(fx["lmstudio"].Requests[0].Headers.ContainsKey("Authorization"));
        Assert.Contains("\"model\":\"qwen2.5-7b-instruct\"", fx["lmstudio"].Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenRouter_requests_carry_its_attribution_headers()
    {
        await using var fx = await MeshFixture.StartAsync("openrouter");
        fx["openrouter"].EnqueueJson(MeshFixture.CompletionJson("routed"));
        var env = Env(("OPENROUTER_API_KEY", "sk-or-123456"), ("OPENROUTER_BASE_URL", fx["openrouter"].BaseUrl.ToString()));

        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = env });
        await client.Chat.Completions.CreateAsync(new() { Model = "chat-completion", Messages = [ChatMessage.User("hi")] });

        var headers = fx["openrouter"].Requests[0].Headers;
        Assert.Equal("ModelMesh", headers["X-Title"]);
        Assert.True(headers.ContainsKey("HTTP-Referer"));
        Assert.Contains("\"model\":\"openrouter/auto\"", fx["openrouter"].Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_connector_with_an_API_key_variable_is_detected_too()
    {
        await using var fx = await MeshFixture.StartAsync("acme");
        fx["acme"].EnqueueJson(MeshFixture.CompletionJson("from acme"));
        ConnectorRegistry.Register(new ProviderConnector
        {
            Id = "acmetest.chat.v1",
            Vendor = "acmetest",
            DefaultBaseUrl = fx["acme"].BaseUrl,
            ApiKeyEnv = "ACMETEST_API_KEY",
            Catalogue = [new ModelDefinition { Id = "acmetest.large", ProviderId = "acmetest", Capabilities = ["chat-completion"] }],
            Create = (o, h) => new OpenAICompatibleProvider(o, h),
        });

        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = Env(("ACMETEST_API_KEY", "acme-key-123456")) });
        var reply = await client.Chat.Completions.CreateAsync(new() { Model = "chat-completion", Messages = [ChatMessage.User("hi")] });

        Assert.Equal("from acme", reply.Choices[0].Message.Content);
        Assert.Equal("Bearer acme-key-123456", fx["acme"].Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public void With_nothing_in_the_environment_the_error_names_the_variables_to_set()
    {
        var error = Assert.Throws<ConfigurationException>(() => Mesh.Create("chat-completion", new MeshOptions { Environment = _ => null }));

        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("GROQ_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("OLLAMA_HOST", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Firecrawl_key_turns_on_its_native_connector_which_serves_content_extraction_not_chat()
    {
        // Firecrawl was the last key row without a native connector (Providers/Firecrawl): every row has one now.
        var env = Env(("FIRECRAWL_API_KEY", "fc-123456"));

        using var mesh = Mesh.Create("content-extraction", new MeshOptions { Environment = env });
        var error = Assert.Throws<ConfigurationException>(() => Mesh.Create("chat-completion", new MeshOptions { Environment = env }));

        Assert.Contains("firecrawl.firecrawl-scrape", mesh.PoolStatus("content-extraction").Models.Select(m => m.ModelId));
        Assert.Contains("serves chat-completion", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("no native connector", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fc-123456", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capability_no_found_provider_serves_is_an_error_naming_it()
    {
        var error = Assert.Throws<ConfigurationException>(() => Mesh.Create(["chat-completion", "text-to-image"], new MeshOptions { Environment = Env(("DEEPSEEK_API_KEY", "sk-ds-123456")) }));

        Assert.Contains("serves text-to-image", error.Message, StringComparison.Ordinal);
        Assert.Throws<UnknownCapabilityException>(() => Mesh.Create("chat-complet", new MeshOptions { Environment = Env(("DEEPSEEK_API_KEY", "k")) }));
    }

    [Fact]
    public void A_template_fills_in_strategy_and_budget_where_the_options_keep_their_defaults()
    {
        var env = Env(("DEEPSEEK_API_KEY", "sk-ds-123456"));

        using var templated = Mesh.Create("chat-completion", new MeshOptions { Environment = env, Template = "cost-optimized" });
        using var explicitStrategy = Mesh.Create("chat-completion", new MeshOptions { Environment = env, Template = "cost-optimized", Strategy = "round-robin" });

        Assert.Equal(RotationStrategies.CostFirst, templated.PoolStatus("chat-completion").Strategy);
        Assert.Equal(5m, templated.Usage.Budget.DailyLimit);
        Assert.Equal(RotationStrategies.RoundRobin, explicitStrategy.PoolStatus("chat-completion").Strategy);
        var error = Assert.Throws<ArgumentException>(() => Mesh.Create("chat-completion", new MeshOptions { Environment = env, Template = "cheap" }));
        Assert.Contains("cost-optimized", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:11434", "http://localhost:11434/")]
    [InlineData("0.0.0.0", "http://127.0.0.1:11434/")]
    [InlineData("http://gpu-box:9000", "http://gpu-box:9000/")]
    [InlineData("https://ollama.example", "https://ollama.example/")]
    [InlineData("gpu-box", "http://gpu-box:11434/")]
    public void Host_variables_become_URLs_like_Ollama_reads_them(string value, string expected)
    {
        Assert.Equal(expected, EnvironmentDetection.HostUrl(value, new Uri("http://localhost:11434")).ToString());
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }
}
