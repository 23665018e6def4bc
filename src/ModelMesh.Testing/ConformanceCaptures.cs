using System.Globalization;

namespace ModelMesh.Testing;

/// <summary>
/// Loads the wire captures of the conformance corpus: the repository's <c>tests/conformance</c> (a copy of the
/// real provider captures, with their <c>SOURCES.md</c>), or the folder named by <c>MODELMESH_CONFORMANCE_DIR</c>.
/// </summary>
public static class ConformanceCaptures
{
    /// <summary>The environment variable that overrides where the corpus is.</summary>
    public const string DirectoryVariable = "MODELMESH_CONFORMANCE_DIR";

    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The corpus folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The corpus was not found; the message says where it was looked for.</exception>
    public static string Root => s_root.Value;

    /// <summary>The bytes of a capture, by path relative to the corpus (for example <c>openai/chat-stream-text.sse</c>).</summary>
    public static byte[] ReadBytes(string relativePath) => File.ReadAllBytes(PathOf(relativePath));

    /// <summary>The text of a capture.</summary>
    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>The full path of a capture; throws when it does not exist.</summary>
    public static string PathOf(string relativePath)
    {
        var path = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(path) ? path : throw new FileNotFoundException($"Conformance capture '{relativePath}' not found under {Root}.", path);
    }

    /// <summary>Every capture file under a provider folder (or the whole corpus), as relative paths with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> List(string? folder = null)
    {
        var start = folder is null ? Root : Path.Combine(Root, folder);
        return Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.Equals("SOURCES.md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Reads a headers capture (<c>*.headers.txt</c>): an optional status line (<c>HTTP/1.1 429 …</c>) then
    /// <c>name: value</c> lines.
    /// </summary>
    public static CapturedHeaders ReadHeaders(string relativePath)
    {
        int? status = null;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var raw in File.ReadLines(PathOf(relativePath)))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase))
            {
                var parts = line.Split(' ', 3);
                status = int.Parse(parts[1], CultureInfo.InvariantCulture);
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }
        return new CapturedHeaders(status, headers);
    }

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured)
        {
            return Directory.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new DirectoryNotFoundException($"{DirectoryVariable} names '{configured}', which does not exist.");
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "conformance");
                if (File.Exists(Path.Combine(candidate, "SOURCES.md")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"The conformance corpus (tests/conformance with its SOURCES.md) was not found in any parent of {AppContext.BaseDirectory}; set {DirectoryVariable}.");
    }
}

/// <summary>A captured status line and headers.</summary>
/// <param name="StatusCode">The status from the status line, when the capture has one.</param>
/// <param name="Headers">The headers in capture order.</param>
public sealed record CapturedHeaders(int? StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers);
