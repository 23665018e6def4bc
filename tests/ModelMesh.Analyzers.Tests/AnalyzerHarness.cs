using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ModelMesh.Analysis;
using ModelMesh.Cdk;
using ModelMesh.Generators;

namespace ModelMesh.Analyzers.Tests;

/// <summary>Compiles sources against the running runtime plus ModelMesh.Core, runs the generator, then the MM analyzers.</summary>
internal static class AnalyzerHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public const string Header = "using ModelMesh;\nusing ModelMesh.Cdk;\n";

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
        var self = Path.GetFileName(typeof(AnalyzerHarness).Assembly.Location);
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(BaseProvider).Assembly.Location)
            .Where(p => p.Length > 0 && !string.Equals(Path.GetFileName(p), self, StringComparison.OrdinalIgnoreCase))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = [new ProviderAnalyzer(), new CapabilityArgumentAnalyzer()];

    public static CSharpCompilationOptions Options { get; } =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    public static CSharpCompilation Compile(params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create("AnalyzerTestAssembly",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path))
                .Append(CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, path: "GlobalUsings.cs")),
            References.Value, Options);

    /// <summary>The generator's output added to the compilation (as a build would).</summary>
    public static Compilation Generate(Compilation compilation)
    {
        CSharpGeneratorDriver.Create([new ProviderGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return output;
    }

    /// <summary>The MM diagnostics of the analyzers on a single file Test.cs, in source order.</summary>
    public static IReadOnlyList<Diagnostic> Analyze(string source) => Analyze(Compile(("Test.cs", source)));

    public static IReadOnlyList<Diagnostic> Analyze(Compilation compilation) =>
        [.. Generate(compilation).WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .Where(d => d.Id.StartsWith("MM", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceSpan.Start)];

    /// <summary>Compiler errors and warnings plus all MM diagnostics, after generation.</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation)
    {
        var generated = Generate(compilation);
        return [.. generated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)
            .Concat(generated.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult())];
    }

    /// <summary>The location of the <paramref name="occurrence"/>th occurrence of <paramref name="text"/> in <paramref name="source"/>.</summary>
    /// <remarks>A target written "before [[target]] after" is searched with its context and located at the bracketed part.</remarks>
    public static LinePositionSpan Span(string source, string text, int occurrence = 1)
    {
        var offset = 0;
        var open = text.IndexOf("[[", StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = text.IndexOf("]]", StringComparison.Ordinal);
            offset = open;
            var target = text.Substring(open + 2, close - open - 2);
            text = text.Remove(open, 2).Remove(close - 2, 2);
            var whole = Span(source, text, occurrence);
            var start = SourceText.From(source).Lines.GetPosition(whole.Start) + offset;
            var textLines = SourceText.From(source).Lines;
            return new LinePositionSpan(textLines.GetLinePosition(start), textLines.GetLinePosition(start + target.Length));
        }
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = source.IndexOf(text, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{text}' not found in the source");
        }
        var lines = SourceText.From(source).Lines;
        return new LinePositionSpan(lines.GetLinePosition(index), lines.GetLinePosition(index + text.Length));
    }

    /// <summary>Asserts one diagnostic: id, message and exact span.</summary>
    public static void Single(string source, string id, string message, string at, int occurrence = 1)
    {
        var diagnostic = Assert.Single(Analyze(source));
        Is(diagnostic, source, id, message, at, occurrence);
    }

    public static void Is(Diagnostic diagnostic, string source, string id, string message, string at, int occurrence = 1)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Test.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(Span(source, at, occurrence), diagnostic.Location.GetLineSpan().Span);
        Assert.True(diagnostic.Location.IsInSource);
        Assert.EndsWith("docs/diagnostics/" + id + ".md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    /// <summary>Applies the first fix <paramref name="fix"/> offers for the first <paramref name="id"/> diagnostic of Test.cs; returns the new text.</summary>
    public static async Task<string> ApplyFixAsync(string source, string id, CodeFixProvider fix)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "FixTest", "FixTest", LanguageNames.CSharp,
            compilationOptions: Options, parseOptions: ParseOptions, metadataReferences: References.Value));
        project = project.AddDocument("GlobalUsings.cs", GlobalUsings).Project;
        var document = project.AddDocument("Test.cs", source, filePath: "Test.cs");
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostic = Analyze(compilation).First(d => d.Id == id);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        var action = Assert.Single(actions);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        var changed = apply.ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync()).ToString();
    }
}
