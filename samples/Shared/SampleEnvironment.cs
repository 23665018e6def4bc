using ModelMesh.Cdk;

namespace ModelMesh.Samples;

/// <summary>Decides whether a sample talks to real providers or to a <see cref="LocalEndpoint"/> it starts itself.</summary>
internal static class SampleEnvironment
{
    /// <summary>
    /// Whether the sample should run offline: <c>--offline</c> was passed, or the process environment holds no
    /// variable that <c>Mesh.Create</c> would turn into a provider (of <paramref name="vendors"/>, when given).
    /// </summary>
    /// <param name="args">The sample's command-line arguments.</param>
    /// <param name="vendors">Vendor short names to look for (for example <c>openai</c>); none for every vendor.</param>
    public static bool Offline(string[] args, params string[] vendors) =>
        args.Contains("--offline", StringComparer.OrdinalIgnoreCase) || !HasProvider(vendors);

    private static bool HasProvider(string[] vendors) =>
        EnvironmentDetection.Table.Any(row =>
            (vendors.Length == 0 || vendors.Contains(row.Vendor, StringComparer.OrdinalIgnoreCase))
            && ConnectorRegistry.TryGet(row.ConnectorId, out _)
            && !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(row.Variable)));

    /// <summary>An environment lookup that sees only <paramref name="variables"/> (the real environment is left alone).</summary>
    /// <param name="variables">The variables and their values.</param>
    public static Func<string, string?> Only(IReadOnlyDictionary<string, string> variables) =>
        name => variables.TryGetValue(name, out var value) ? value : null;
}
