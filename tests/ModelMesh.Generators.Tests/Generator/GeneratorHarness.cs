using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Generator;

/// <summary>Compiles sources against the running runtime's reference set and drives the generator with tracked steps.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(BaseProvider).Assembly.Location)
            .Where(p => p.Length > 0 && !string.Equals(Path.GetFileName(p), Path.GetFileName(typeof(GeneratorHarness).Assembly.Location), StringComparison.OrdinalIgnoreCase))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    /// <summary>The text of a connector file of Connectors/ (embedded in this assembly).</summary>
    public static string Connector(string name)
    {
        using var stream = typeof(GeneratorHarness).Assembly.GetManifestResourceStream("Connectors." + name + ".cs")
            ?? throw new InvalidOperationException("No embedded connector " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static CSharpCompilation Compile(params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create(
            "GeneratorTestAssembly",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path))
                .Append(CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, path: "GlobalUsings.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        [new ProviderGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; returns the driver (for incremental runs), the result and the compiled output.</summary>
    public static (GeneratorDriver Driver, GeneratorRunResult Result, Compilation Output) Run(CSharpCompilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? Driver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver, driver.GetRunResult().Results.Single(), output);
    }

    /// <summary>Errors and warnings of a compilation (generated code included).</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public static string ProjectDirectory =>
        typeof(GeneratorHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
}
