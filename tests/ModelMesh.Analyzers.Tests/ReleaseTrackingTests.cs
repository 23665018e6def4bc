using System.Reflection;
using ModelMesh.Analysis;

namespace ModelMesh.Analyzers.Tests;

/// <summary>All 17 ids (the 15 of DESIGN §4.2, MM1006 and MM1007) are supported by an analyzer, documented in docs/diagnostics and tracked in AnalyzerReleases.</summary>
public sealed class ReleaseTrackingTests
{
    private static readonly string[] Ids =
    [
        "MM1001", "MM1002", "MM1003", "MM1004", "MM1005", "MM1006", "MM1007",
        "MM2001", "MM2002", "MM2003", "MM2004", "MM2005",
        "MM3001", "MM3002", "MM3003", "MM3004", "MM3005",
    ];

    private static string RepositoryRoot =>
        Path.GetFullPath(Path.Combine(typeof(ReleaseTrackingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!, "..", ".."));

    [Fact]
    public void Every_id_is_supported_documented_and_tracked()
    {
        var supported = AnalyzerHarness.Analyzers.SelectMany(a => a.SupportedDiagnostics).ToList();
        Assert.Equal(Ids, supported.Select(d => d.Id).Order(StringComparer.Ordinal));
        var unshipped = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "ModelMesh.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in supported)
        {
            var doc = Path.Combine(RepositoryRoot, "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(File.Exists(doc), doc);
            var text = File.ReadAllText(doc);
            foreach (var section in new[] { "## What", "## Why", "## How to fix", "## Example" })
            {
                Assert.Contains(section, text, StringComparison.Ordinal);
            }
            Assert.Equal(MMDescriptors.HelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
            var severity = descriptor.DefaultSeverity.ToString();
            Assert.Contains(descriptor.Id + " | " + descriptor.Category + " | " + severity + " |", unshipped, StringComparison.Ordinal);
        }
    }
}
