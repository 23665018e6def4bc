using ModelMesh.Cdk;

namespace ModelMesh.Configuration;

/// <summary>
/// Turns a located tree into a validated <see cref="MeshConfiguration"/>: template, secrets store, substitution,
/// then the sections in dependency order (providers, models, pools, the rest), collecting every problem.
/// </summary>
internal static class MeshConfigurationReader
{
    internal static readonly string[] TopLevelKeys =
        ["secrets", "providers", "models", "pools", "storage", "observability", "discovery", "budget", "proxy", "connectors", "template"];

    internal static async ValueTask<MeshConfiguration> ReadAsync(ConfigNode root, ConfigurationLoadOptions? options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        options ??= new ConfigurationLoadOptions();
        var environment = options.Environment ?? Environment.GetEnvironmentVariable;
        var rootMapping = root.GetMapping(); // nothing else can be read from a file that is not a mapping
        var context = new ReadContext(null);
        context.Try(() => rootMapping.EnsureOnlyKeys(TopLevelKeys));
        context.Template = ReadTemplate(rootMapping, options, context);

        // The secrets section configures the store, so only ${env:…} can be used inside it.
        var secretsNode = rootMapping.Get("secrets") is { } rawSecrets
            ? Substitution.Apply(rawSecrets, EnvOnly(environment), context.Problems)
            : null;
        var secrets = SectionReaders.ReadSecrets(secretsNode, options.SecretStore is not null, context);
        var store = options.SecretStore ?? BuildStore(secrets, environment, options.TimeProvider, context);

        var secretValues = await PrefetchSecretsAsync(rootMapping, store, cancellationToken).ConfigureAwait(false);
        var tree = Substitute(rootMapping, secretsNode, environment, secretValues, context);

        var providers = ProviderReader.Read(tree.Get("providers") ?? Empty(tree, "providers"), context);
        var providerIds = DefinedIds(tree, "providers");
        var models = ModelReader.Read(tree.Get("models") ?? Empty(tree, "models"), providerIds, context);
        // A pool may also name the catalogue models of a provider the file lists no models for.
        var modelIds = DefinedIds(tree, "models").Concat(providers.Values.SelectMany(p => CatalogueModels.For(p, models)).Select(m => m.Id)).ToArray();
        var configuration = new MeshConfiguration
        {
            Template = context.Template?.Name,
            Secrets = secrets,
            Providers = providers,
            Models = models,
            Pools = PoolReader.Read(tree.Get("pools") ?? Empty(tree, "pools"), modelIds, providerIds, context),
            Storage = SectionReaders.ReadConnector(tree.Get("storage"), context),
            Observability = tree.Get("observability") is { } observability
                ? SectionReaders.ReadConnector(observability, context)
                : context.Template?.Observability,
            Discovery = SectionReaders.ReadConnector(tree.Get("discovery"), context),
            Budget = SectionReaders.ReadBudget(tree.Get("budget"), providerIds, context),
            Proxy = SectionReaders.ReadProxy(tree.Get("proxy"), context),
            Connectors = SectionReaders.ReadConnectors(tree.Get("connectors"), context),
            Location = root.Location,
            Source = tree,
        };
        if (context.Problems.Count > 0)
        {
            // File order reads best; the sort is stable, so sources without lines keep the order found.
            throw new ConfigurationException(context.Problems
                .OrderBy(p => p.Location.Line ?? int.MaxValue)
                .ThenBy(p => p.Location.Column ?? 0)
                .ToArray());
        }
        return configuration;
    }

    private static MeshTemplate? ReadTemplate(ConfigNode root, ConfigurationLoadOptions options, ReadContext context)
    {
        if (root.Get("template") is { } node)
        {
            var name = context.Try(node.GetString);
            if (name is null)
            {
                return null;
            }
            if (MeshTemplates.TryGet(name, out var template))
            {
                return template;
            }
            context.Add(MeshTemplates.UnknownMessage(name), node.Location);
            return null;
        }
        if (options.Template is null)
        {
            return null;
        }
        if (MeshTemplates.TryGet(options.Template, out var fromOptions))
        {
            return fromOptions;
        }
        context.Add(MeshTemplates.UnknownMessage(options.Template) + " (from ConfigurationLoadOptions.Template)", root.Location);
        return null;
    }

    private static BaseSecretStore? BuildStore(SecretsConfiguration secrets, Func<string, string?> environment, TimeProvider? clock, ReadContext context)
    {
        var before = context.Problems.Count;
        return context.Try(() => SecretStores.Create(secrets.Store, secrets.Config is null ? null : new ConnectorSettings(secrets.Config), environment, clock)) is { } store && context.Problems.Count == before
            ? store
            : null;
    }

    private static async ValueTask<Dictionary<string, (string? Value, string? WhyNot)>> PrefetchSecretsAsync(
        ConfigNode root, BaseSecretStore? store, CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in root.Entries.Where(e => !root.IsKey(e.Key, "secrets")))
        {
            Substitution.CollectSecretNames(entry.Value, names);
        }
        var values = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (store is null)
            {
                values[name] = (null, "the secret store could not be created (see the problem reported under 'secrets')");
                continue;
            }
            try
            {
                var value = await store.TryResolveAsync(name, cancellationToken).ConfigureAwait(false);
                values[name] = (value, value is null ? store.DescribeMissing(name) : null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw; // the caller's cancellation, not the store's failure
            }
            catch (Exception ex)
            {
                values[name] = (null, $"secret store '{store.ConnectorId}' failed to look it up ({ex.GetType().Name}: {ex.Message})");
            }
        }
        return values;
    }

    private static ConfigNode Substitute(ConfigNode root, ConfigNode? substitutedSecrets, Func<string, string?> environment,
        Dictionary<string, (string? Value, string? WhyNot)> secretValues, ReadContext context)
    {
        Substitution.Resolver resolve = (string scheme, string name, out string? whyNot) =>
        {
            if (scheme == Substitution.SecretsScheme)
            {
                var (value, reason) = secretValues[name];
                whyNot = reason;
                return value;
            }
            return EnvOnly(environment)(scheme, name, out whyNot);
        };
        var entries = root.Entries.Select(e => KeyValuePair.Create(e.Key, e.Key switch
        {
            _ when root.IsKey(e.Key, "secrets") && substitutedSecrets is not null => substitutedSecrets,
            _ when root.IsKey(e.Key, "providers") && e.Value.Kind == ConfigNodeKind.Mapping => SubstituteProviders(e.Value, resolve, context),
            _ => Substitution.Apply(e.Value, resolve, context.Problems),
        }));
        return root.WithChildren([], entries.ToArray());
    }

    // A provider is usually disabled because its key is not at hand, so an unresolved reference inside a disabled
    // provider is left as written instead of failing the load; the router never instantiates it.
    private static ConfigNode SubstituteProviders(ConfigNode providers, Substitution.Resolver resolve, ReadContext context) =>
        providers.WithChildren([], providers.Entries.Select(p => KeyValuePair.Create(p.Key,
            Substitution.Apply(p.Value, resolve, IsDisabled(p.Value) ? [] : context.Problems))).ToArray());

    private static bool IsDisabled(ConfigNode provider) =>
        provider.Kind == ConfigNodeKind.Mapping
        && provider.TryGetChild("enabled", out var enabled)
        && string.Equals(enabled.RawValue?.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    private static Substitution.Resolver EnvOnly(Func<string, string?> environment) =>
        (string scheme, string name, out string? whyNot) =>
        {
            if (scheme == Substitution.SecretsScheme)
            {
                whyNot = "'${secrets:…}' cannot be used inside the 'secrets' section, which configures the store itself; use '${env:…}'";
                return null;
            }
            var value = environment(name);
            whyNot = value is null ? $"environment variable '{name}' is not set" : null;
            return value;
        };

    // Every id written under a section counts as defined, even one whose entry has problems, so a single mistake
    // in a provider does not also turn every model that uses it into an "unknown provider".
    private static string[] DefinedIds(ConfigNode tree, string section) =>
        tree.Get(section) is { Kind: ConfigNodeKind.Mapping } node ? node.Keys.ToArray() : [];

    private static ConfigNode Empty(ConfigNode tree, string key) =>
        ConfigNode.Null(tree.Location.WithKeyPath(ConfigLocation.AppendKey(tree.Location.KeyPath, key)));
}
