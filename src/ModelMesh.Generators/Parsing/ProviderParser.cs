using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelMesh.Generators.Model;
using ModelMesh.Taxonomy;

namespace ModelMesh.Generators.Parsing
{
    /// <summary>Reads a [Provider] class (symbols and syntax) into a <see cref="ProviderModel"/> of plain values.</summary>
    internal static class ProviderParser
    {
        public const string ProviderAttributeName = "ModelMesh.Cdk.ProviderAttribute";
        private const string ModelInfoAttributeName = "ModelMesh.Cdk.ModelInfoAttribute";
        private const string HookOverrideAttributeName = "ModelMesh.Cdk.HookOverrideAttribute";
        private const string BaseProviderName = "ModelMesh.Cdk.BaseProvider";

        private static readonly string[] GeneratedMemberNames = { "ConnectorId", "Catalogue", "WireJson", "RegisterConnector" };

        public static ProviderModel Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (TypeDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            var attribute = context.Attributes[0];

            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.NotPartial, syntax.Identifier.GetLocation(), type.Name));
            }
            if (!DerivesFrom(type, BaseProviderName))
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.NotAProvider, syntax.Identifier.GetLocation(), type.Name));
            }

            var id = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty;
            string? baseUrl = null, apiKeyEnv = null, endEvent = null;
            var streamFormat = 0;
            var naming = 0;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "BaseUrl": baseUrl = named.Value.Value as string; break;
                    case "ApiKeyEnv": apiKeyEnv = named.Value.Value as string; break;
                    case "EndEvent": endEvent = named.Value.Value as string; break;
                    case "StreamFormat": streamFormat = named.Value.Value is int f ? f : 0; break;
                    case "WireNaming": naming = named.Value.Value is int n ? n : 0; break;
                }
            }
            var dot = id.IndexOf('.');
            var vendor = dot > 0 ? id.Substring(0, dot) : id;

            var models = ParseModels(type, diagnostics, cancellationToken);
            var wire = new WireTypeParser(naming == 0, diagnostics);
            var hooks = ParseHooks(type, wire, diagnostics, cancellationToken);
            var wireTypes = wire.Build(cancellationToken);

            var containing = new List<ContainingTypeModel>();
            for (var outer = type.ContainingType; outer != null; outer = outer.ContainingType)
            {
                containing.Insert(0, new ContainingTypeModel(Keyword(outer), outer.Name));
            }

            var hasOptionsConstructor = type.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared && c.Parameters.Length == 2
                && HookSpecs.Name(c.Parameters[0].Type) == "ModelMesh.Cdk.ProviderOptions"
                && HookSpecs.Name(c.Parameters[1].Type) == "System.Net.Http.HttpClient");
            var hidden = new List<string>();
            for (var baseType = type.BaseType; baseType != null; baseType = baseType.BaseType)
            {
                foreach (var name in GeneratedMemberNames)
                {
                    if (!hidden.Contains(name) && baseType.GetMembers(name).Any(m => m.DeclaredAccessibility != Accessibility.Private))
                    {
                        hidden.Add(name);
                    }
                }
            }

            var wireAccessibility = wire.AllAtLeastInternal ? "internal" : "private";
            return new ProviderModel(
                Namespace: type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
                ContainingTypes: containing.ToEquatableArray(),
                Name: type.Name,
                FullName: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                Accessibility: SyntaxFacts.GetText(type.DeclaredAccessibility),
                IsSealed: type.IsSealed,
                HasOptionsConstructor: hasOptionsConstructor,
                CanRegister: IsModuleAccessible(type) && !type.IsAbstract && !type.IsGenericType,
                HiddenMembers: hidden.ToEquatableArray(),
                ConnectorId: id,
                Vendor: vendor,
                BaseUrl: baseUrl,
                ApiKeyEnv: apiKeyEnv,
                StreamFormat: streamFormat,
                EndEvent: endEvent,
                Models: models.ToEquatableArray(),
                Hooks: hooks.ToEquatableArray(),
                WireTypes: wireTypes.ToEquatableArray(),
                WireClassAccessibility: wireAccessibility,
                Diagnostics: diagnostics.ToEquatableArray());
        }

        private static List<CatalogueModel> ParseModels(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var models = new List<CatalogueModel>();
            foreach (var attribute in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (attribute.AttributeClass?.ToDisplayString() != ModelInfoAttributeName || attribute.ConstructorArguments.Length < 2)
                {
                    continue;
                }
                var location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();
                var id = attribute.ConstructorArguments[0].Value as string ?? string.Empty;
                var capabilities = new List<string>();
                var capabilityArgument = attribute.ConstructorArguments[1];
                var names = capabilityArgument.Kind == TypedConstantKind.Array
                    ? capabilityArgument.Values.Select(v => v.Value as string)
                    : new[] { capabilityArgument.Value as string };
                foreach (var name in names)
                {
                    if (name == null)
                    {
                        continue;
                    }
                    var resolved = CapabilityIndex.Default.Resolve(name);
                    if (resolved == null)
                    {
                        var suggestion = CapabilityIndex.Default.Suggest(name);
                        diagnostics.Add(Diagnostic(DiagnosticIds.UnknownCapability, location, name,
                            suggestion == null ? string.Empty : " Did you mean '" + suggestion + "'?"));
                        resolved = name;
                    }
                    if (!capabilities.Contains(resolved))
                    {
                        capabilities.Add(resolved);
                    }
                }
                int? context = null, maxOutput = null, features = null;
                string? input = null, output = null, perRequest = null;
                foreach (var named in attribute.NamedArguments)
                {
                    switch (named.Key)
                    {
                        case "ContextWindow": context = named.Value.Value is int c && c != 0 ? c : (int?)null; break;
                        case "MaxOutputTokens": maxOutput = named.Value.Value is int m && m != 0 ? m : (int?)null; break;
                        case "Features": features = named.Value.Value is int f ? f : (int?)null; break;
                        case "InputPricePer1K": input = Price(named.Value.Value); break;
                        case "OutputPricePer1K": output = Price(named.Value.Value); break;
                        case "PricePerRequest": perRequest = Price(named.Value.Value); break;
                    }
                }
                models.Add(new CatalogueModel(id, capabilities.ToEquatableArray(), context, maxOutput, input, output, perRequest, features));
            }
            return models;
        }

        private static string? Price(object? value) =>
            value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : null;

        private static List<HookModel> ParseHooks(INamedTypeSymbol type, WireTypeParser wire, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var hooks = new List<HookModel>();
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is not IMethodSymbol method)
                {
                    continue;
                }
                var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == HookOverrideAttributeName);
                if (attribute == null || attribute.ConstructorArguments.Length == 0)
                {
                    continue;
                }
                var hookArgument = attribute.ConstructorArguments[0];
                var hookName = hookArgument.Type is INamedTypeSymbol enumType
                    ? enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, hookArgument.Value))?.Name
                    : null;
                string? eventName = null;
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Event")
                    {
                        eventName = named.Value.Value as string;
                    }
                }
                var location = method.Locations.FirstOrDefault();
                if (hookName == null || !HookSpecs.TryGet(hookName, out var spec))
                {
                    diagnostics.Add(Diagnostic(DiagnosticIds.BadSignature, location, method.Name, hookArgument.Value?.ToString() ?? "?", "a known ProviderHook"));
                    continue;
                }
                var hook = HookSpecs.Match(spec, method, eventName, wire);
                if (hook == null)
                {
                    diagnostics.Add(Diagnostic(DiagnosticIds.BadSignature, location, method.Name, hookName, spec.Expected));
                    continue;
                }
                if (hooks.Any(h => h.Hook == hook.Hook && h.Event == hook.Event))
                {
                    diagnostics.Add(Diagnostic(DiagnosticIds.DuplicateHook, location, hookName + (eventName == null ? string.Empty : " (event '" + eventName + "')"), method.Name));
                    continue;
                }
                hooks.Add(hook);
            }
            return hooks;
        }

        private static bool DerivesFrom(INamedTypeSymbol type, string baseName)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (current.ToDisplayString() == baseName)
                {
                    return true;
                }
            }
            return false;
        }

        private static bool IsModuleAccessible(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current != null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public && current.DeclaredAccessibility != Accessibility.Internal)
                {
                    return false;
                }
            }
            return true;
        }

        private static string Keyword(INamedTypeSymbol type) => type.TypeKind switch
        {
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            _ => type.IsRecord ? "record" : "class",
        };

        internal static DiagnosticInfo Diagnostic(string id, Location? location, params string[] arguments)
        {
            var isError = id != "MM1005" && id != "MM2005" && id != "MM3002";
            if (location == null || !location.IsInSource)
            {
                return new DiagnosticInfo(id, isError, arguments.ToEquatableArray(), null, 0, 0, 0, 0, 0, 0);
            }
            var lines = location.GetLineSpan();
            return new DiagnosticInfo(id, isError, arguments.ToEquatableArray(), location.SourceTree?.FilePath ?? lines.Path,
                location.SourceSpan.Start, location.SourceSpan.Length,
                lines.StartLinePosition.Line, lines.StartLinePosition.Character, lines.EndLinePosition.Line, lines.EndLinePosition.Character);
        }
    }
}
