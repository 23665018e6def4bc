using ModelMesh.Cdk;
using ModelMesh.Configuration;
using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Providers;

public class ProviderLimitConfigTests
{
    private static BaseProvider Create(string config) =>
        ProviderFactory.Create(Parse($"providers:\n  p:\n    connector: openai-compatible\n    config: {{ base_url: \"http://127.0.0.1:1\"{config} }}\n").Providers["p"], null, new MeshConfigOptions());

    [Fact]
    public void Response_limits_default_when_not_configured()
    {
        using var provider = Create("");
        Assert.Equal((ProviderOptions.DefaultMaxResponseBodyBytes, ProviderOptions.DefaultMaxStreamEventBytes), (provider.Options.MaxResponseBodyBytes, provider.Options.MaxStreamEventBytes));
    }

    [Fact]
    public void Response_limits_are_read_from_the_provider_config()
    {
        using var provider = Create(", max_response_bytes: 100000000, max_stream_event_bytes: 65536");
        Assert.Equal((100_000_000, 65_536), (provider.Options.MaxResponseBodyBytes, provider.Options.MaxStreamEventBytes));
    }

    [Theory]
    [InlineData("max_response_bytes: 0")]
    [InlineData("max_response_bytes: 2147483647")]
    [InlineData("max_stream_event_bytes: 100")]
    [InlineData("max_stream_event_bytes: 1GB")]
    public void Response_limits_out_of_range_fail_with_the_key_located(string setting)
    {
        var ex = Assert.Throws<ConfigurationException>(() => Create(", " + setting));
        Assert.Equal("providers.p.config." + setting.Split(':')[0], ex.KeyPath);
        Assert.Contains("whole number", ex.Detail, StringComparison.Ordinal);
    }
}
