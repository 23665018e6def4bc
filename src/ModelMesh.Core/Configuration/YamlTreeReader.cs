using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ModelMesh.Configuration;

/// <summary>
/// Builds a located <see cref="ConfigNode"/> tree from YamlDotNet's event parser (no reflection, so AOT-safe).
/// Rejects duplicate keys, non-scalar keys and multi-document streams; resolves anchors, aliases and <c>&lt;&lt;</c>
/// merge keys. Aliases copy their anchor's nodes, so the nodes they add are counted and bounded (see
/// <see cref="AliasBudget"/>): a few hundred bytes of nested aliases ("billion laughs") cannot build a huge tree.
/// </summary>
internal sealed partial class YamlTreeReader
{
    private const int MaxDepth = 64; // deeper nesting is a mistake or an attack, not a configuration
    private const string MergeKey = "<<";

    /// <summary>Nodes aliases may always add, however small the document.</summary>
    internal const int MinAliasNodes = 10_000;

    /// <summary>Beyond <see cref="MinAliasNodes"/>, aliases may add this many nodes per node written in the document.</summary>
    internal const int AliasNodesPerWrittenNode = 10;

    /// <summary>Nodes aliases may add in any document.</summary>
    internal const int MaxAliasNodes = 1_000_000;

    private readonly TrackingParser _parser;
    private readonly string? _source;
    private readonly Dictionary<string, (ConfigNode Node, int Size)> _anchors = new(StringComparer.Ordinal);
    private readonly List<ConfigurationProblem> _problems = [];
    private int _writtenNodes;
    private int _aliasNodes;

    private YamlTreeReader(string text, string? source)
    {
        _parser = new TrackingParser(new Parser(new StringReader(text)));
        _source = source;
    }

    /// <summary>Reads <paramref name="text"/>, which must be at most <paramref name="maxBytes"/> bytes of UTF-8.</summary>
    internal static ConfigNode Read(string text, string? source, int maxBytes = ConfigurationLoadOptions.DefaultMaxDocumentBytes)
    {
        // A char is at most 3 bytes of UTF-8 (a surrogate pair 4 for 2), so only a text near the limit is counted.
        if ((long)text.Length * 3 > maxBytes && System.Text.Encoding.UTF8.GetByteCount(text) is var bytes && bytes > maxBytes)
        {
            throw new ConfigurationException(TooLargeMessage(bytes, maxBytes), ConfigLocation.Root(source));
        }
        var reader = new YamlTreeReader(text, source);
        ConfigNode? root = null;
        try
        {
            root = reader.ReadStream();
        }
        catch (YamlException ex)
        {
            var (line, column) = WithinText(text, ToInt(ex.Start.Line), ToInt(ex.Start.Column));
            var location = new ConfigLocation(source, line, column, string.Empty);
            reader._problems.Add(new ConfigurationProblem("Invalid YAML: " + StripMarks(ex.Message), location));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) for some malformed input, such as an unclosed
            // flow sequence; report where parsing had got to.
            var at = reader._parser.LastPosition;
            var location = new ConfigLocation(source, ToInt(at.Line), ToInt(at.Column), string.Empty);
            reader._problems.Add(new ConfigurationProblem(
                "Invalid YAML: malformed text after this point (an unclosed bracket or quote?).", location));
        }
        if (reader._problems.Count > 0)
        {
            throw new ConfigurationException(reader._problems);
        }
        return root!;
    }

    private ConfigNode ReadStream()
    {
        _parser.Consume<StreamStart>();
        if (_parser.TryConsume<StreamEnd>(out var end))
        {
            return ConfigNode.Null(new ConfigLocation(_source, ToInt(end.Start.Line), ToInt(end.Start.Column), string.Empty));
        }
        _parser.Consume<DocumentStart>();
        var root = ReadNode(string.Empty, null, 0);
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
        {
            throw new YamlException(second.Start, second.End,
                "the file holds more than one YAML document ('---'); a ModelMesh configuration is one document.");
        }
        _parser.Consume<StreamEnd>();
        return root;
    }

    private ConfigNode ReadNode(string keyPath, Mark? keyMark, int depth)
    {
        var current = _parser.Current ?? throw new YamlException("unexpected end of the YAML stream.");
        var mark = keyMark ?? current.Start;
        var location = new ConfigLocation(_source, ToInt(mark.Line), ToInt(mark.Column), keyPath);
        if (depth > MaxDepth)
        {
            throw new YamlException(current.Start, current.End, $"nesting is deeper than {MaxDepth} levels.");
        }

        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                _writtenNodes++;
                if (_anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    SpendOnAlias(anchored.Size - 1, current); // the alias itself was counted as written
                    return anchored.Node.Relocate(keyPath).At(location);
                }
                _problems.Add(new ConfigurationProblem($"Alias '*{alias.Value.Value}' refers to no anchor defined before it.", location));
                return ConfigNode.Null(location);
            case Scalar scalar:
                _parser.MoveNext();
                _writtenNodes++;
                return Remember(scalar, 1, IsNull(scalar) ? ConfigNode.Null(location) : ConfigNode.Scalar(location, scalar.Value));
            case SequenceStart sequence:
            {
                _parser.MoveNext();
                var before = NodesBuilt;
                _writtenNodes++;
                var items = new List<ConfigNode>();
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(ConfigLocation.AppendIndex(keyPath, items.Count), null, depth + 1));
                }
                return Remember(sequence, NodesBuilt - before, ConfigNode.Sequence(location, items));
            }
            case MappingStart mapping:
            {
                _parser.MoveNext();
                var before = NodesBuilt;
                _writtenNodes++;
                return Remember(mapping, NodesBuilt - before, ReadMapping(location, depth));
            }
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}.");
        }
    }

    private ConfigNode ReadMapping(ConfigLocation location, int depth)
    {
        var entries = new List<KeyValuePair<string, ConfigNode>>();
        var lines = new Dictionary<string, int?>(StringComparer.Ordinal);
        var merged = new List<ConfigNode>();
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            if (_parser.Current is not Scalar key)
            {
                var at = _parser.Current!.Start;
                _problems.Add(new ConfigurationProblem("A mapping key must be plain text, not a list or a mapping.",
                    new ConfigLocation(_source, ToInt(at.Line), ToInt(at.Column), location.KeyPath)));
                _parser.SkipThisAndNestedEvents(); // the key
                _parser.SkipThisAndNestedEvents(); // its value
                continue;
            }
            _parser.MoveNext();
            if (key.Value == MergeKey && key.Style == ScalarStyle.Plain)
            {
                merged.Add(ReadNode(location.KeyPath, key.Start, depth + 1));
                continue;
            }
            var childPath = ConfigLocation.AppendKey(location.KeyPath, key.Value);
            var value = ReadNode(childPath, key.Start, depth + 1);
            if (lines.TryGetValue(key.Value, out var firstLine))
            {
                _problems.Add(new ConfigurationProblem(
                    $"Duplicate key '{key.Value}' (first written on line {firstLine}); each key may appear once.", value.Location));
                continue;
            }
            lines[key.Value] = value.Location.Line;
            entries.Add(KeyValuePair.Create(key.Value, value));
        }
        foreach (var source in merged)
        {
            Merge(source, entries, lines);
        }
        return ConfigNode.Mapping(location, entries);
    }

    // "<<: *base" or "<<: [*a, *b]": keys written in the mapping win, then earlier sources win.
    private void Merge(ConfigNode source, List<KeyValuePair<string, ConfigNode>> entries, Dictionary<string, int?> lines)
    {
        var sources = source.Kind == ConfigNodeKind.Sequence ? source.Items : [source];
        foreach (var item in sources)
        {
            if (item.Kind != ConfigNodeKind.Mapping)
            {
                _problems.Add(new ConfigurationProblem("A merge key '<<' needs a mapping or a list of mappings (usually an alias such as *defaults).", item.Location));
                continue;
            }
            foreach (var entry in item.Entries)
            {
                if (lines.TryAdd(entry.Key, entry.Value.Location.Line))
                {
                    entries.Add(entry);
                }
            }
        }
    }

    // Every node in the tree: those written, plus the copies aliases made.
    private long NodesBuilt => (long)_writtenNodes + _aliasNodes;

    private ConfigNode Remember(NodeEvent node, long size, ConfigNode built)
    {
        if (!node.Anchor.IsEmpty)
        {
            // YAML lets a later anchor of the same name replace an earlier one. A size is at most the alias budget
            // plus the document, so it fits an int.
            _anchors[node.Anchor.Value] = (built, (int)Math.Min(size, int.MaxValue));
        }
        return built;
    }

    /// <summary>
    /// Counts the nodes an alias is about to add (its anchor's, less the one it stands for) and stops, before copying, once aliases would have added more than
    /// the budget: <see cref="MinAliasNodes"/>, or <see cref="AliasNodesPerWrittenNode"/> per node written so far,
    /// and never more than <see cref="MaxAliasNodes"/>.
    /// </summary>
    private void SpendOnAlias(int added, ParsingEvent alias)
    {
        var budget = AliasBudget(_writtenNodes);
        if ((long)_aliasNodes + added > budget)
        {
            throw new YamlException(alias.Start, alias.End,
                $"aliases here would add more than {budget} nodes to a document of {_writtenNodes} written so far " +
                $"(aliases may add {MinAliasNodes}, or {AliasNodesPerWrittenNode} per node written, at most {MaxAliasNodes}); " +
                "nested aliases that multiply (a 'billion laughs') are rejected.");
        }
        _aliasNodes += added;
    }

    internal static long AliasBudget(int writtenNodes) =>
        Math.Min(MaxAliasNodes, Math.Max(MinAliasNodes, (long)writtenNodes * AliasNodesPerWrittenNode));

    internal static string TooLargeMessage(long bytes, long maxBytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"The configuration is {bytes} bytes; at most {maxBytes} are read (ConfigurationLoadOptions.MaxDocumentBytes).");

    /// <summary>Remembers where the last event ended, for errors that carry no position.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark LastPosition { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (inner.Current is { } current)
            {
                LastPosition = current.End;
            }
            return inner.MoveNext();
        }
    }

    private static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain
        && (scalar.Tag.IsEmpty || scalar.Tag.Value == "tag:yaml.org,2002:null")
        && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>
    /// The position, or the text's last one when it lies past the end: at the end of a file without a final line
    /// break the parser reports the line after the last, which the file does not have.
    /// </summary>
    private static (int Line, int Column) WithinText(string text, int line, int column)
    {
        var lines = 1;
        var lastLineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines++;
                lastLineStart = i + 1;
            }
        }
        return line > lines ? (lines, text.Length - lastLineStart + 1) : (line, column);
    }

    private static int ToInt(long value) => value is > 0 and <= int.MaxValue ? (int)value : 1;

    // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 9, Idx: 24): "; the location is reported separately.
    private static string StripMarks(string message) => MarksPrefix().Replace(message, string.Empty);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarksPrefix();
}
