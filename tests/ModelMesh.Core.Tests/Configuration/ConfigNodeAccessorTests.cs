namespace ModelMesh.Core.Tests.Configuration;

public class ConfigNodeAccessorTests
{
    private static ConfigNode Value(string yamlValue) => ConfigNode.FromYaml("v: " + yamlValue + "\n", "t.yaml").Require("v");

    private static ConfigurationException Fails(Action read) => Assert.Throws<ConfigurationException>(read);

    [Fact]
    public void GetString_returns_scalars_as_written_and_rejects_other_shapes()
    {
        Assert.Equal("123", Value("123").GetString());
        var ex = Fails(() => Value("[a]").GetString());
        Assert.Equal("Expected a string, found a list.", ex.Detail);
        Assert.Equal("t.yaml", ex.FilePath);
        Assert.Equal(1, ex.Line);
        Assert.Equal("v", ex.KeyPath);
        Assert.Equal("Expected a string, found a mapping.", Fails(() => Value("{a: 1}").GetString()).Detail);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("TRUE", true)]
    public void GetBool_accepts_true_and_false_in_any_case(string text, bool expected) => Assert.Equal(expected, Value(text).GetBool());

    [Fact]
    public void GetBool_rejects_yes()
    {
        Assert.Equal("Expected true or false, found 'yes'.", Fails(() => Value("yes").GetBool()).Detail);
    }

    [Fact]
    public void GetInt32_checks_type_and_range()
    {
        Assert.Equal(7, Value("7").GetInt32(1));
        Assert.Equal("Expected a whole number ≥ 1, found '0'.", Fails(() => Value("0").GetInt32(1)).Detail);
        Assert.Equal("Expected a whole number ≥ 1, found '2.5'.", Fails(() => Value("2.5").GetInt32(1)).Detail);
        Assert.Equal("Expected a whole number from 1 to 65535, found '70000'.", Fails(() => Value("70000").GetInt32(1, 65535)).Detail);
        Assert.Equal("Expected a whole number, found 'three'.", Fails(() => Value("three").GetInt32()).Detail);
    }

    [Fact]
    public void GetDouble_supports_exclusive_minimum()
    {
        Assert.Equal(0.25, Value("0.25").GetDouble(0, 1, minExclusive: true));
        Assert.Equal("Expected a number > 0 and ≤ 1, found '0'.", Fails(() => Value("0").GetDouble(0, 1, minExclusive: true)).Detail);
        Assert.Equal("Expected a number > 0 and ≤ 1, found '1.5'.", Fails(() => Value("1.5").GetDouble(0, 1, minExclusive: true)).Detail);
        Assert.Contains("found '.nan'", Fails(() => Value(".nan").GetDouble()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GetDecimal_reads_money_exactly()
    {
        Assert.Equal(0.0025m, Value("0.0025").GetDecimal(0));
        Assert.Equal("Expected a number ≥ 0, found '-1'.", Fails(() => Value("-1").GetDecimal(0)).Detail);
    }

    [Theory]
    [InlineData("30", 30_000)]
    [InlineData("1.5", 1_500)]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("'00:01:30'", 90_000)]
    [InlineData("0", 0)]
    public void GetTimeSpan_accepts_seconds_units_and_clock_form(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Value(text).GetTimeSpan());

    [Theory]
    [InlineData("-5")]
    [InlineData("10 parsecs")]
    [InlineData("fast")]
    [InlineData("5d")]
    public void GetTimeSpan_rejects_other_forms(string text)
    {
        var ex = Fails(() => Value(text).GetTimeSpan());
        Assert.StartsWith("Expected a duration from 0 to 8760h (such as 30, 500ms, 10s, 2m or 00:01:30), found ", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GetStringList_requires_a_list_of_scalars()
    {
        Assert.Equal(["a", "b"], Value("[a, b]").GetStringList());
        Assert.Equal("Expected a list of strings, found 'a'.", Fails(() => Value("a").GetStringList()).Detail);
        var ex = Fails(() => Value("[a, [b]]").GetStringList());
        Assert.Equal("v[1]", ex.KeyPath);
        Assert.Empty(ConfigNode.FromYaml("v:\n").Entries[0].Value.GetStringList());
        Assert.Empty(Value("[]").GetStringList());
    }

    [Fact]
    public void GetStringMap_reads_headers_in_order()
    {
        var headers = Value("{ X-Team: core, Accept: application/json }").GetStringMap();
        Assert.Equal(["X-Team", "Accept"], headers.Keys);
        Assert.Equal("core", headers["X-Team"]);
        var ex = Fails(() => Value("{ X-Team: [a] }").GetStringMap());
        Assert.Equal("v.X-Team", ex.KeyPath);
    }

    [Fact]
    public void Require_names_the_missing_key_in_the_key_path()
    {
        var node = ConfigNode.FromYaml("provider:\n  enabled: true\n", "t.yaml").Require("provider");
        var ex = Fails(() => node.Require("connector"));
        Assert.Equal("provider.connector", ex.KeyPath);
        Assert.Equal(1, ex.Line);
        Assert.Equal("Required key 'connector' is missing.", ex.Detail);
    }

    [Fact]
    public void EnsureOnlyKeys_reports_every_unknown_key_with_a_suggestion_for_near_misses()
    {
        var node = ConfigNode.FromYaml("""
            pool:
              failure_treshold: 3
              strategy: x
              colour: blue
            """, "t.yaml").Require("pool");

        var ex = Fails(() => node.EnsureOnlyKeys("failure_threshold", "strategy", "models"));

        Assert.Equal(2, ex.Problems.Count);
        Assert.Equal("pool.failure_treshold", ex.KeyPath);
        Assert.Equal(2, ex.Line);
        Assert.Contains("Unknown key 'failure_treshold'. Did you mean 'failure_threshold'?", ex.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal("pool.colour", ex.Problems[1].Location.KeyPath);
        Assert.DoesNotContain("Did you mean", ex.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("Allowed keys: failure_threshold, strategy, models.", ex.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_section_reads_as_an_empty_mapping()
    {
        var node = ConfigNode.FromYaml("budget:\n").Entries[0].Value;
        Assert.Empty(node.GetMapping().Entries);
        node.EnsureOnlyKeys("daily_limit");
    }
}
