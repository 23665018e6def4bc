using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ModelMesh.Generators.Model;
using ModelMesh.Generators.Parsing;
using ModelMesh.Taxonomy;

namespace ModelMesh.Analysis
{
    /// <summary>
    /// MM1001–MM1007, MM2001–MM2005 and MM3001–MM3004: reads each [Provider] type with the generator's own parser and
    /// reports what it found, adds the compilation-wide provider-id check (MM1003) and [HookOverride] outside a provider (MM2005).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ProviderAnalyzer : DiagnosticAnalyzer
    {
        private const string HookOverrideAttributeName = "ModelMesh.Cdk.HookOverrideAttribute";

        /// <summary>Diagnostic property: the hook a MM2001 stub should override.</summary>
        public const string HookProperty = "Hook";

        /// <summary>Diagnostic property: the replacement a MM3001/MM3005 fix writes.</summary>
        public const string SuggestionProperty = "Suggestion";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            MMDescriptors.MM1001, MMDescriptors.MM1002, MMDescriptors.MM1003, MMDescriptors.MM1004, MMDescriptors.MM1005,
            MMDescriptors.MM1006, MMDescriptors.MM1007,
            MMDescriptors.MM2001, MMDescriptors.MM2002, MMDescriptors.MM2003, MMDescriptors.MM2004, MMDescriptors.MM2005,
            MMDescriptors.MM3001, MMDescriptors.MM3002, MMDescriptors.MM3003, MMDescriptors.MM3004);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var providerAttribute = start.Compilation.GetTypeByMetadataName(ProviderParser.ProviderAttributeName);
                var hookAttribute = start.Compilation.GetTypeByMetadataName(HookOverrideAttributeName);
                if (providerAttribute == null)
                {
                    return;
                }
                var ids = new Lazy<Dictionary<string, List<INamedTypeSymbol>>>(() => ProviderIds(start.Compilation, providerAttribute));
                start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, providerAttribute, ids), SymbolKind.NamedType);
                if (hookAttribute != null)
                {
                    start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, providerAttribute, hookAttribute), SymbolKind.Method);
                }
            });
        }

        private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol providerAttribute, Lazy<Dictionary<string, List<INamedTypeSymbol>>> ids)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            var attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, providerAttribute));
            if (attribute?.ApplicationSyntaxReference == null)
            {
                return;
            }
            // The declaration that carries [Provider] (a partial type may have several).
            var attributeSyntax = attribute.ApplicationSyntaxReference.GetSyntax(context.CancellationToken);
            if (attributeSyntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration)
            {
                return;
            }
            var model = ProviderParser.Parse(type, declaration, attribute, context.CancellationToken);
            foreach (var info in model.Diagnostics)
            {
                if (ToDiagnostic(info, context.Compilation) is { } diagnostic)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }

            var id = model.ConnectorId;
            if (id.Length > 0 && ids.Value.TryGetValue(id, out var owners) && owners.Count > 1)
            {
                var other = owners.First(o => !SymbolEqualityComparer.Default.Equals(o, type));
                context.ReportDiagnostic(Diagnostic.Create(MMDescriptors.MM1003,
                    ProviderParser.ArgumentLocation(attribute, 0, null, context.CancellationToken) ?? Location.None,
                    id, type.Name, "is also used by '" + other.ToDisplayString() + "'; a provider id must be unique in the compilation"));
            }
        }

        private static void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol providerAttribute, INamedTypeSymbol hookAttribute)
        {
            var method = (IMethodSymbol)context.Symbol;
            var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, hookAttribute));
            if (attribute == null || method.ContainingType == null)
            {
                return;
            }
            if (method.ContainingType.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, providerAttribute)))
            {
                return;
            }
            var hook = attribute.ConstructorArguments.Length > 0 ? HookName(attribute.ConstructorArguments[0]) : "?";
            context.ReportDiagnostic(Diagnostic.Create(MMDescriptors.MM2005, method.Locations.FirstOrDefault() ?? Location.None,
                method.Name, "ProviderHook." + hook, method.ContainingType.Name));
        }

        private static string HookName(TypedConstant argument) =>
            argument.Type is INamedTypeSymbol enumType
                ? enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, argument.Value))?.Name
                    ?? argument.Value?.ToString() ?? "?"
                : argument.Value?.ToString() ?? "?";

        private static Dictionary<string, List<INamedTypeSymbol>> ProviderIds(Compilation compilation, INamedTypeSymbol providerAttribute)
        {
            var ids = new Dictionary<string, List<INamedTypeSymbol>>(StringComparer.Ordinal);
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current is INamespaceSymbol ns)
                {
                    foreach (var member in ns.GetMembers())
                    {
                        pending.Push(member);
                    }
                    continue;
                }
                var type = (INamedTypeSymbol)current;
                foreach (var nested in type.GetTypeMembers())
                {
                    pending.Push(nested);
                }
                var attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, providerAttribute));
                if (attribute != null && attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string id)
                {
                    if (!ids.TryGetValue(id, out var owners))
                    {
                        ids[id] = owners = new List<INamedTypeSymbol>();
                    }
                    owners.Add(type);
                }
            }
            return ids;
        }

        /// <summary>A parser diagnostic (plain data) as a Roslyn diagnostic, with the properties the code fixes read.</summary>
        internal static Diagnostic? ToDiagnostic(DiagnosticInfo info, Compilation compilation)
        {
            var descriptor = MMDescriptors.Find(info.Id);
            if (descriptor == null)
            {
                return null;
            }
            var span = new TextSpan(info.Start, info.Length);
            var tree = info.FilePath == null ? null : compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == info.FilePath);
            var location = tree != null
                ? Location.Create(tree, span)
                : info.FilePath == null
                    ? Location.None
                    : Location.Create(info.FilePath, span,
                        new LinePositionSpan(new LinePosition(info.StartLine, info.StartColumn), new LinePosition(info.EndLine, info.EndColumn)));
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (info.Id == DiagnosticIds.MissingHook && info.Arguments.Count > 2)
            {
                properties = properties.Add(HookProperty, info.Arguments[2]);
            }
            if (info.Id == DiagnosticIds.UnknownCapability && info.Arguments.Count > 0 && CapabilityIndex.Default.Suggest(info.Arguments[0]) is { } suggestion)
            {
                properties = properties.Add(SuggestionProperty, suggestion);
            }
            return Diagnostic.Create(descriptor, location, properties, info.Arguments.Cast<object>().ToArray());
        }
    }
}
