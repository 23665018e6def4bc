using System.Text;
using Microsoft.Extensions.Configuration;
using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Configuration;

/// <summary>
/// IConfiguration is case-insensitive and .NET developers write PascalCase, so schema keys accept
/// <c>CooldownSeconds</c> (and <c>cooldownSeconds</c>) there; ids keep their spelling; YAML stays snake_case.
/// </summary>
public class PascalCaseConfigurationTests
{
    private const string Json = """
        {
          "ModelMesh": {
            "Secrets": { "Store": "modelmesh.env.v1", "Config": { "Prefix": "" } },
            "Providers": {
              "OpenAI": { "Connector": "openai.llm.v1", "Config": { "ApiKey": "${secrets:OPENAI_API_KEY}", "Headers": { "X-Team": "core" }, "Timeout": "30s", "StreamIdleTimeout": "20s" } },
              "local": { "Connector": "openai-compatible", "Enabled": false, "BaseUrl": "http://127.0.0.1:11434" }
            },
            "Models": {
              "OpenAI.gpt-4o": {
                "Provider": "OpenAI",
                "Model": "gpt-4o-2024-08-06",
                "Capabilities": [ "chat-completion" ],
                "Constraints": { "ContextWindow": 128000, "MaxOutputTokens": 16384 },
                "Features": { "Tools": true, "JsonSchema": false, "SystemPrompt": true },
                "Pricing": { "InputPer1K": 0.0025, "OutputPer1K": 0.01, "PerRequest": 0 },
                "Limits": { "Requests": 1000, "Tokens": 2000000, "Cost": 12.5 },
                "Delivery": { "Synchronous": true, "Batch": false }
              },
              "local.llama3": { "Provider": "local", "Capabilities": [ "chat-completion" ] }
            },
            "Pools": {
              "Chat": {
                "Capability": "chat-completion",
                "Strategy": "modelmesh.priority-selection.v1",
                "StrategyConfig": { "SpreadMode": "wide" },
                "ModelPriority": [ "local.llama3", "OpenAI.gpt-4o" ],
                "ExcludedProviders": [ "local" ],
                "ModelWeights": { "OpenAI.gpt-4o": 2 },
                "FailureThreshold": 2,
                "ErrorRateThreshold": 0.25,
                "cooldownSeconds": 30,
                "SessionHeader": "x-session",
                "MaxLatencyMs": 2500,
                "Retry": { "MaxAttempts": 5, "InitialDelay": "250ms", "MaxDelay": "2s", "HonorRetryAfter": false, "TotalTimeout": "1m" },
                "Timeouts": { "Connect": "3s", "FirstToken": "5s", "Idle": "20s", "Total": "2m" }
              }
            },
            "Budget": { "DailyLimit": 5.0, "MonthlyLimit": 50.0, "PerRequestLimit": 0.5, "AlertThreshold": 0.9, "Enforce": false, "ProviderLimits": { "OpenAI": 2 } },
            "Observability": { "Connector": "modelmesh.console.v1" },
            "Proxy": { "Host": "127.0.0.1", "Port": 9000, "Cors": [ "http://localhost:3000" ], "Auth": { "Method": "bearer", "Tokens": [ "t1" ] } },
            "Connectors": { "Packages": [ "./extra.zip" ] }
          }
        }
        """;

    private static readonly ConfigurationLoadOptions LoadOptions = new()
    {
        Environment = name => name == "OPENAI_API_KEY" ? "sk-from-env-0001" : null,
    };

    private static IConfigurationSection Section(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection("ModelMesh");

    [Fact]
    public void PascalCase_schema_keys_are_accepted_through_IConfiguration_and_ids_keep_their_spelling()
    {
        var config = MeshConfiguration.FromConfiguration(Section(Json), LoadOptions);

        Assert.Equal("modelmesh.env.v1", config.Secrets.Store);
        var openai = config.Providers["OpenAI"];
        Assert.Equal("openai.llm.v1", openai.Connector);
        Assert.Equal("sk-from-env-0001", openai.Config!.Require("api_key").GetString());
        Assert.Equal("core", openai.Config.Require("headers").GetStringMap()["X-Team"]);
        Assert.False(config.Providers["local"].Enabled);
        Assert.Equal("http://127.0.0.1:11434", config.Providers["local"].Config!.Require("base_url").GetString());

        var gpt = config.Models["OpenAI.gpt-4o"];
        Assert.Equal("OpenAI", gpt.Provider);
        Assert.Equal("gpt-4o-2024-08-06", gpt.Model);
        Assert.Equal(128000, gpt.Constraints.ContextWindow);
        Assert.Equal(16384, gpt.Constraints.MaxOutputTokens);
        Assert.False(gpt.Features.JsonSchema);
        Assert.True(gpt.Features.SystemPrompt);
        Assert.Equal(0.01m, gpt.Pricing!.OutputPer1K);
        Assert.Equal(2_000_000, gpt.Limits.Tokens);
        Assert.False(gpt.Delivery.Batch);

        var chat = config.Pools["Chat"];
        Assert.Equal("modelmesh.priority-selection.v1", chat.Strategy);
        Assert.Equal("wide", chat.StrategyConfig!.Require("SpreadMode").GetString());
        Assert.Equal(["local.llama3", "OpenAI.gpt-4o"], chat.ModelPriority);
        Assert.Equal(["local"], chat.ExcludedProviders);
        Assert.Equal(2, chat.ModelWeights["OpenAI.gpt-4o"]);
        Assert.Equal(2, chat.FailureThreshold);
        Assert.Equal(0.25, chat.ErrorRateThreshold);
        Assert.Equal(TimeSpan.FromSeconds(30), chat.Cooldown);
        Assert.Equal("x-session", chat.SessionHeader);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), chat.MaxLatency);
        Assert.Equal(5, chat.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), chat.Retry.MaxDelay);
        Assert.False(chat.Retry.HonorRetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(1), chat.Retry.TotalTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), chat.Timeouts.Connect);
        Assert.Equal(TimeSpan.FromSeconds(5), chat.Timeouts.FirstToken);
        Assert.Equal(TimeSpan.FromMinutes(2), chat.Timeouts.Total);
        Assert.Equal("Pools.Chat.Retry.TotalTimeout", chat.Retry.LocationOf("total_timeout").KeyPath);

        var budget = config.Budget!;
        Assert.Equal(5.0m, budget.DailyLimit);
        Assert.Equal(50.0m, budget.MonthlyLimit);
        Assert.Equal(0.5m, budget.PerRequestLimit);
        Assert.Equal(0.9, budget.AlertThreshold);
        Assert.False(budget.Enforce);
        Assert.Equal(2m, budget.ProviderLimits["OpenAI"]);
        Assert.Equal("modelmesh.console.v1", config.Observability!.Connector);
        Assert.Equal(9000, config.Proxy!.Port);
        Assert.Equal("bearer", config.Proxy.AuthMethod);
        Assert.Equal(["t1"], config.Proxy.Tokens);
        Assert.Equal(["./extra.zip"], config.Connectors!.Packages);
    }

    [Fact]
    public void A_PascalCase_configuration_builds_a_mesh_with_its_provider_settings()
    {
        using var mesh = Mesh.FromConfiguration(Section(Json), new MeshConfigOptions
        {
            Environment = name => name == "OPENAI_API_KEY" ? "sk-from-env-0001" : null,
            ReloadOnChange = false,
        });

        Assert.Equal(["OpenAI.gpt-4o"], mesh.PoolStatus("Chat").Models.Select(m => m.ModelId));
    }

    [Fact]
    public void A_misspelt_PascalCase_key_is_rejected_with_the_PascalCase_spelling_suggested()
    {
        var json = Json.Replace("\"cooldownSeconds\"", "\"CooldownSecond\"", StringComparison.Ordinal)
            .Replace("\"TotalTimeout\"", "\"TotalTimout\"", StringComparison.Ordinal);

        var ex = Assert.Throws<ConfigurationException>(() => MeshConfiguration.FromConfiguration(Section(json), LoadOptions));

        Assert.Equal(2, ex.Problems.Count);
        var cooldown = Assert.Single(ex.Problems, p => p.Location.KeyPath == "Pools.Chat.CooldownSecond");
        Assert.StartsWith("Unknown key 'CooldownSecond'. Did you mean 'CooldownSeconds'? Allowed keys: Capability, Models, ", cooldown.Message, StringComparison.Ordinal);
        var total = Assert.Single(ex.Problems, p => p.Location.KeyPath == "Pools.Chat.Retry.TotalTimout");
        Assert.StartsWith("Unknown key 'TotalTimout'. Did you mean 'TotalTimeout'?", total.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_spellings_of_one_key_are_an_error()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["providers:q:connector"] = "c",
            ["providers:q:base_url"] = "http://127.0.0.1:1",
            ["providers:q:BaseUrl"] = "http://127.0.0.1:2",
        }).Build();

        var ex = Assert.Throws<ConfigurationException>(() => MeshConfiguration.FromConfiguration(configuration, LoadOptions));

        // IConfiguration itself refuses keys that differ only in case; 'base_url' and 'BaseUrl' are two entries.
        var problem = Assert.Single(ex.Problems);
        Assert.Contains(problem.Message, (string[])["'base_url' and 'BaseUrl' are the same key; set it once.", "'BaseUrl' and 'base_url' are the same key; set it once."]);
        Assert.StartsWith("providers.q.", problem.Location.KeyPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_keys_stay_snake_case()
    {
        var ex = Fails(Base + "pools:\n  chat:\n    capability: chat-completion\n    CooldownSeconds: 30\n");

        Assert.Equal(11, ex.Line);
        Assert.Equal("pools.chat.CooldownSeconds", ex.KeyPath);
        Assert.StartsWith("Unknown key 'CooldownSeconds'. Did you mean 'cooldown_seconds'?", ex.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Unknown key 'Providers'. Did you mean 'providers'?", Fails("Providers: {}\n").Detail, StringComparison.Ordinal);
    }
}
