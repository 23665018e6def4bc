using System.Text;
using static ModelMesh.Core.Tests.Configuration.ConfigTestSupport;

namespace ModelMesh.Core.Tests.Configuration;

/// <summary>
/// Issue 13, part 3 (configuration half): a corpus of corrupted configuration files, each loaded from disk. Every
/// one is a <see cref="ConfigurationException"/> naming the file, line and column of the fault — never another
/// exception type, never a hang, never a message that echoes a megabyte of input.
/// </summary>
public sealed class CorruptedConfigTests : IDisposable
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly string _dir = Directory.CreateTempSubdirectory("modelmesh-corrupt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>name, file bytes, the line of the fault, and its column (null: any).</summary>
    public static TheoryData<string, byte[], int, int?> Corpus()
    {
        var garbage = new byte[4096];
        new Random(13).NextBytes(garbage);
        var data = new TheoryData<string, byte[], int, int?>
        {
            { "truncated YAML", Utf8(Base + "pools:\n  chat:\n    capability: chat-completion\n    model_priority: [openai.gpt-4o"), 11, null },
            { "truncated JSON", Utf8("{\n  \"providers\": {\n    \"openai\": { \"connector\": \"openai.llm.v1\" }\n  },\n  \"models\": {\n    \"openai.gpt-4o\": {"), 6, null },
            { "unterminated string", Utf8("providers:\n  openai:\n    connector: \"openai.llm.v1\nmodels: {}\n"), 3, null },
            // YamlDotNet locates a tab in the indentation at the start of the mapping it breaks, not at the tab.
            { "tab indentation", Utf8("providers:\n\topenai:\n\t\tconnector: openai.llm.v1\n"), 1, 1 },
            { "duplicate keys", Utf8("providers:\n  openai:\n    connector: openai.llm.v1\n  openai:\n    connector: openai.llm.v1\n"), 4, 3 },
            // A wrong value is located at its key, which the key path names too.
            { "wrong type: a list for a map", Utf8("providers: [openai, anthropic]\n"), 1, 1 },
            { "wrong type: words for a number", Utf8(Base + "pools:\n  chat:\n    capability: chat-completion\n    retry: { max_attempts: many }\n"), 11, 14 },
            { "binary garbage", garbage, 1, null },
            { "NUL bytes", Utf8(Base + "pools:\n  chat:\0\0\0\n"), 9, null },
            { "a 1 MB line", Utf8("providers:\n  openai:\n    connector: openai.llm.v1\n    " + new string('x', 1024 * 1024) + ": 1\n"), 4, 5 },
            { "nesting 10,000 deep", Utf8("providers:\n  openai: " + new string('[', 10_000) + new string(']', 10_000) + "\n"), 2, null },
            { "a BOM, then a fault", [.. Bom, .. Utf8("providers:\n  openai:\n    connector: openai.llm.v1\n    bogus_key: 1\n")], 4, 5 },
            // The key with a BOM is an unknown key; the first problem is the provider without its 'connector'.
            { "a BOM in the middle", Utf8("providers:\n  openai:\n    \uFEFFconnector: openai.llm.v1\n"), 2, 3 },
            { "invalid UTF-8", InvalidUtf8(), 3, 16 },
            { "a bare scalar", Utf8("just some words\n"), 1, 1 },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus), DisableDiscoveryEnumeration = true)] // rows of a megabyte are built at run time
    public async Task A_corrupted_file_is_a_ConfigurationException_with_its_location(string name, byte[] content, int line, int? column)
    {
        var path = Path.Combine(_dir, "modelmesh.yaml");
        await File.WriteAllBytesAsync(path, content);

        var error = await Record.ExceptionAsync(() => Task.Run(() => MeshConfiguration.Load(path, Options())).WaitAsync(TimeSpan.FromSeconds(20)));

        var ex = Assert.IsType<ConfigurationException>(error, exactMatch: true);
        Assert.True(ex.FilePath == path, $"{name}: file {ex.FilePath}");
        Assert.True(ex.Line == line, $"{name}: line {ex.Line?.ToString() ?? "null"}, not {line}: {ex.Detail}");
        Assert.True(ex.Column is not null, $"{name}: no column: {ex.Detail}");
        Assert.True(column is null || ex.Column == column, $"{name}: column {ex.Column}, not {column}: {ex.Detail}");
        Assert.True(ex.Message.Length < 4096, $"{name}: the message is {ex.Message.Length} characters: it echoes the input");
    }

    [Fact]
    public void A_BOM_before_a_valid_file_is_no_fault()
    {
        var path = Path.Combine(_dir, "modelmesh.yaml");
        File.WriteAllBytes(path, [.. Bom, .. Utf8(Base)]);

        var configuration = MeshConfiguration.Load(path, Options());

        Assert.Contains("openai.gpt-4o", configuration.Models.Keys);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] InvalidUtf8()
    {
        var bytes = Utf8("providers:\n  openai:\n    connector: #penai.llm.v1\n");
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF; // line 3, column 16
        return bytes;
    }
}
