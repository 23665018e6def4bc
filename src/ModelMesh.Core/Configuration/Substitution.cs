using System.Text;

namespace ModelMesh.Configuration;

/// <summary>
/// Expands <c>${env:NAME}</c> and <c>${secrets:NAME}</c> in every scalar of a tree; <c>$${</c> writes a literal
/// <c>${</c>. A reference may sit inside a longer string. Problems name the reference as written and never the value.
/// </summary>
internal static class Substitution
{
    internal const string EnvScheme = "env";
    internal const string SecretsScheme = "secrets";

    /// <summary>Looks a reference up: the value, or null and a sentence saying why it could not be resolved.</summary>
    internal delegate string? Resolver(string scheme, string name, out string? whyNot);

    /// <summary>The tree with every scalar expanded; a scalar with a problem is kept as written.</summary>
    internal static ConfigNode Apply(ConfigNode node, Resolver resolve, List<ConfigurationProblem> problems)
    {
        switch (node.Kind)
        {
            case ConfigNodeKind.Scalar:
                return ApplyScalar(node, resolve, problems);
            case ConfigNodeKind.Sequence:
                return node.WithChildren(node.Items.Select(item => Apply(item, resolve, problems)).ToArray(), []);
            case ConfigNodeKind.Mapping:
                return node.WithChildren([], node.Entries.Select(e => KeyValuePair.Create(e.Key, Apply(e.Value, resolve, problems))).ToArray());
            default:
                return node;
        }
    }

    /// <summary>Adds the names of every well-formed <c>${secrets:NAME}</c> in the tree to <paramref name="names"/>.</summary>
    internal static void CollectSecretNames(ConfigNode node, ISet<string> names)
    {
        if (node.Kind == ConfigNodeKind.Scalar)
        {
            Expand(node.RawValue!, (string scheme, string name, out string? whyNot) =>
            {
                if (scheme == SecretsScheme)
                {
                    names.Add(name);
                }
                whyNot = null;
                return string.Empty;
            }, []);
            return;
        }
        foreach (var child in node.Kind == ConfigNodeKind.Sequence ? node.Items : node.Entries.Select(e => e.Value))
        {
            CollectSecretNames(child, names);
        }
    }

    private static ConfigNode ApplyScalar(ConfigNode node, Resolver resolve, List<ConfigurationProblem> problems)
    {
        var raw = node.RawValue!;
        if (!raw.Contains("${", StringComparison.Ordinal))
        {
            return node;
        }
        var errors = new List<string>();
        var (value, resolvedAny) = Expand(raw, resolve, errors);
        foreach (var error in errors)
        {
            problems.Add(new ConfigurationProblem(error, node.Location));
        }
        return errors.Count > 0 ? node : node.WithValue(value, resolvedAny);
    }

    private static (string Value, bool ResolvedAny) Expand(string text, Resolver resolve, List<string> errors)
    {
        var result = new StringBuilder(text.Length);
        var resolvedAny = false;
        var i = 0;
        while (i < text.Length)
        {
            if (string.CompareOrdinal(text, i, "$${", 0, 3) == 0)
            {
                result.Append("${");
                i += 3;
                continue;
            }
            if (string.CompareOrdinal(text, i, "${", 0, 2) != 0)
            {
                result.Append(text[i++]);
                continue;
            }
            var close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                errors.Add($"Unterminated reference '{text[i..]}': a reference ends with '}}' (write '$${{' for a literal '${{').");
                break;
            }
            var reference = text[i..(close + 1)];
            var body = text[(i + 2)..close];
            var colon = body.IndexOf(':', StringComparison.Ordinal);
            var scheme = colon < 0 ? string.Empty : body[..colon];
            var name = colon < 0 ? string.Empty : body[(colon + 1)..];
            i = close + 1;
            if (scheme is not (EnvScheme or SecretsScheme) || name.Length == 0)
            {
                errors.Add($"Invalid reference '{reference}': use '${{env:NAME}}' or '${{secrets:NAME}}' (write '$${{' for a literal '${{').");
                continue;
            }
            var value = resolve(scheme, name, out var whyNot);
            if (value is null)
            {
                errors.Add($"Unresolved reference '{reference}': {whyNot ?? "no value"}.");
                continue;
            }
            result.Append(value);
            resolvedAny = true;
        }
        return (result.ToString(), resolvedAny);
    }
}
