using System.Text;
using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Configuration;

/// <summary>A small file must not be able to make the loader build a huge tree or read a huge file.</summary>
public sealed class YamlLimitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modelmesh-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The classic "billion laughs": nine levels of nine aliases, about 250 bytes that expand to 9^9 strings.
    private const string BillionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """;

    [Fact]
    public void The_billion_laughs_is_rejected_early_with_little_memory()
    {
        Assert.InRange(Encoding.UTF8.GetByteCount(BillionLaughs), 200, 600);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<ConfigurationException>(() => MeshConfiguration.Parse(BillionLaughs, Source, Options()));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 0, 16L * 1024 * 1024);
        Assert.Equal(Source, ex.FilePath);
        Assert.NotNull(ex.Line);
        Assert.InRange(ex.Line!.Value, 2, 9);
        Assert.Contains("aliases", ex.Detail, StringComparison.Ordinal);
        Assert.Contains("10000", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_reuse_of_anchors_is_accepted()
    {
        var yaml = new StringBuilder("defaults: &defaults { failure_threshold: 2, cooldown_seconds: 30, retry: { max_attempts: 2 } }\n");
        for (var i = 0; i < 200; i++)
        {
            yaml.Append("p").Append(i).Append(": { <<: *defaults, strategy: s }\n");
        }

        var root = ConfigNode.FromYaml(yaml.ToString(), Source);

        Assert.Equal(201, root.Entries.Count);
        Assert.Equal("30", root.Require("p199").Require("cooldown_seconds").GetString());
        Assert.Equal("p199.retry.max_attempts", root.Require("p199").Require("retry").Require("max_attempts").Location.KeyPath);
    }

    private static string Padded(int bytes)
    {
        var head = Base + "# ";
        return head + new string('x', bytes - head.Length - 1) + "\n";
    }

    [Fact]
    public void A_document_over_the_size_limit_is_rejected_before_it_is_parsed()
    {
        var limit = new ConfigurationLoadOptions().MaxDocumentBytes;
        Assert.Equal(4 * 1024 * 1024, limit);
        Assert.NotNull(Parse(Padded(limit)));

        var ex = Assert.Throws<ConfigurationException>(() => MeshConfiguration.Parse(Padded(limit + 1), Source, Options()));

        Assert.Equal(Source, ex.FilePath);
        Assert.Equal("The configuration is 4194305 bytes; at most 4194304 are read (ConfigurationLoadOptions.MaxDocumentBytes).", ex.Detail);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_rejected_and_the_limit_is_configurable()
    {
        var path = Path.Combine(_dir, "big.yaml");
        File.WriteAllText(path, Padded(2000));

        var ex = Assert.Throws<ConfigurationException>(() => MeshConfiguration.Load(path, new ConfigurationLoadOptions { MaxDocumentBytes = 1024 }));

        Assert.Equal(path, ex.FilePath);
        Assert.Equal("The configuration is 2000 bytes; at most 1024 are read (ConfigurationLoadOptions.MaxDocumentBytes).", ex.Detail);
        Assert.NotNull(MeshConfiguration.Load(path, new ConfigurationLoadOptions { MaxDocumentBytes = 2000 }));
    }

    [Fact]
    public void The_size_limit_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfigurationLoadOptions { MaxDocumentBytes = 0 });
    }
}
