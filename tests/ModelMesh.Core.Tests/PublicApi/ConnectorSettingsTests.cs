using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.PublicApi;

/// <summary>
/// A connector reads its own <c>config:</c> keys through <see cref="ConnectorSettings"/>, the public view of the
/// (internal) configuration tree, and a wrong value is still reported at its file, line and key path.
/// </summary>
public sealed class ConnectorSettingsTests
{
    private const string ConnectorId = "tests.settings.v1";

    private static readonly List<(string? Region, TimeSpan? Wait, int? Shards, IReadOnlyDictionary<string, string>? Tags)> Seen = [];

    static ConnectorSettingsTests()
    {
        ConnectorRegistry.Register(new ProviderConnector
        {
            Id = ConnectorId,
            Vendor = "tests-settings",
            RequiresApiKey = false,
            SettingKeys = ["region", "wait", "shards", "tags"],
            Catalogue = [new ModelDefinition { Id = "tests-settings.m", ProviderId = "tests-settings", Capabilities = ["chat-completion"] }],
            Create = (options, http) =>
            {
                var settings = options.Settings!;
                lock (Seen)
                {
                    Seen.Add((settings.GetString("region"), settings.GetTimeSpan("wait", TimeSpan.Zero, TimeSpan.FromMinutes(1)),
                        settings.GetInt32("shards", 1, 8), settings.GetStringMap("tags")));
                }
                return new OpenAICompatibleProvider(options, http);
            },
        });
    }

    private static MeshClient Load(string yaml) =>
        Mesh.FromConfiguration(MeshConfiguration.Parse(yaml, "mesh.yaml", new ConfigurationLoadOptions { Environment = _ => null }),
            new MeshConfigOptions { Environment = _ => null, ReloadOnChange = false });

    [Fact]
    public void A_connector_reads_its_own_settings_and_an_absent_one_is_null()
    {
        using var mesh = Load($$"""
            providers:
              mine:
                connector: {{ConnectorId}}
                config: { base_url: "http://127.0.0.1:9", region: eu-1, wait: 1500ms, tags: { team: core } }
            """);

        var seen = Assert.Single(Seen, s => s.Region == "eu-1");
        Assert.Equal(TimeSpan.FromMilliseconds(1500), seen.Wait);
        Assert.Null(seen.Shards);
        Assert.Equal("core", seen.Tags!["team"]);
    }

    [Fact]
    public void A_wrong_value_of_a_connectors_own_key_is_reported_at_its_line_and_key_path()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load($$"""
            providers:
              mine:
                connector: {{ConnectorId}}
                config:
                  base_url: "http://127.0.0.1:9"
                  shards: 12
            """));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(6, problem.Location.Line);
        Assert.Equal("providers.mine.config.shards", problem.Location.KeyPath);
        Assert.Contains("from 1 to 8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_parsed_from_yaml_locate_a_connectors_own_error_and_never_show_a_secret()
    {
        var settings = ConnectorSettings.Parse("region: eu-1\nmode: fast", "store.yaml");

        var error = settings.Error("mode", "Mode must be 'safe' for this store.");

        Assert.Equal(["region", "mode"], settings.Keys);
        Assert.True(settings.Contains("mode"));
        Assert.Equal(2, error.Problems.Single().Location.Line);
        Assert.Equal("mode", error.Problems.Single().Location.KeyPath);
        Assert.DoesNotContain("eu-1", settings.ToString(), StringComparison.Ordinal);
        Assert.Throws<ConfigurationException>(() => settings.GetBool("region"));
    }
}
