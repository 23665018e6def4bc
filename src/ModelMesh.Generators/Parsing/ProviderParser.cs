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

        /// <summary>
        /// Reads the [Provider] class of one attributed declaration, or null when that declaration does not carry the type's
        /// first [Provider]: a second one on another partial declaration is the compiler's CS0579, and one type must yield
        /// one model (one generated file). (The context's attributes are those of the whole syntax tree, not of its node.)
        /// </summary>
        public static ProviderModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (TypeDeclarationSyntax)context.TargetNode;
            var first = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ProviderAttributeName);
            var reference = first?.ApplicationSyntaxReference;
            if (first == null || reference == null || reference.SyntaxTree != syntax.SyntaxTree
                || !syntax.AttributeLists.Any(list => list.Span.Contains(reference.Span)))
            {
                return null;
            }
            return Parse(type, syntax, first, cancellationToken);
        }

        /// <summary>Reads one [Provider] class; shared by the generator and the analyzers (which report the diagnostics).</summary>
        public static ProviderModel Parse(INamedTypeSymbol type, TypeDeclarationSyntax syntax, AttributeData attribute, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();

            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.NotPartial, syntax.Identifier.GetLocation(), type.Name));
            }
            if (!DerivesFrom(type, BaseProviderName))
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.NotAProvider, syntax.Identifier.GetLocation(), type.Name));
            }
            CheckDeclarationShape(type, syntax, diagnostics);

            var id = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty;
            string? baseUrl = null, apiKeyEnv = null, endEvent = null;
            var streamFormat = 0;
            var naming = 0;
            var settingKeys = new List<string>();
            var wireRecords = new List<ITypeSymbol>();
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "BaseUrl": baseUrl = named.Value.Value as string; break;
                    case "ApiKeyEnv": apiKeyEnv = named.Value.Value as string; break;
                    case "EndEvent": endEvent = named.Value.Value as string; break;
                    case "StreamFormat": streamFormat = named.Value.Value is int f ? f : 0; break;
                    case "WireNaming": naming = named.Value.Value is int n ? n : 0; break;
                    case "SettingKeys" when !named.Value.IsNull:
                        settingKeys.AddRange(named.Value.Values.Select(v => v.Value as string).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k!));
                        break;
                    case "WireRecords" when !named.Value.IsNull:
                        wireRecords.AddRange(named.Value.Values.Select(v => v.Value as ITypeSymbol).Where(t => t != null).Select(t => t!));
                        break;
                }
            }
            var dot = id.IndexOf('.');
            var vendor = dot > 0 ? id.Substring(0, dot) : id;

            if (!IsValidProviderId(id))
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.BadProviderId, ArgumentLocation(attribute, 0, null, cancellationToken), id, type.Name,
                    "is not lower-case dotted/dashed (segments of a-z and 0-9 joined by '.' or '-', e.g. 'vendor.service.v1')"));
            }
            if (baseUrl != null && !IsHttpUrl(baseUrl))
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.BadBaseUrl, ArgumentLocation(attribute, -1, "BaseUrl", cancellationToken), baseUrl, type.Name));
            }
            if (apiKeyEnv != null && !IsEnvironmentName(apiKeyEnv))
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.BadApiKeyEnv, ArgumentLocation(attribute, -1, "ApiKeyEnv", cancellationToken), apiKeyEnv, type.Name));
            }

            var models = ParseModels(type, diagnostics, cancellationToken);
            var wire = new WireTypeParser(naming == 0, diagnostics);
            var hookLocations = new Dictionary<string, Location?>();
            var hooks = ParseHooks(type, wire, diagnostics, hookLocations, cancellationToken);
            AddWireRecords(type, syntax, wireRecords, wire, diagnostics);
            var wireTypes = wire.Build(cancellationToken);
            CheckMissingHooks(type, models, hooks, hookLocations, diagnostics);

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
                Diagnostics: diagnostics.ToEquatableArray(),
                SettingKeys: settingKeys.ToEquatableArray());
        }

        /// <summary>
        /// <c>[Provider(WireRecords = …)]</c>: records no hook names that the connector's own C# reads and writes
        /// through <c>WireJson</c> (the steps of a multi-request call); each gets both a writer and a reader.
        /// </summary>
        private static void AddWireRecords(INamedTypeSymbol type, TypeDeclarationSyntax syntax, List<ITypeSymbol> records, WireTypeParser wire, List<DiagnosticInfo> diagnostics)
        {
            foreach (var record in records)
            {
                if (wire.IsCandidate(record))
                {
                    wire.AddRoot(record, read: true, write: true, type.Locations);
                }
                else
                {
                    var name = record.ToDisplayString();
                    diagnostics.Add(Diagnostic(DiagnosticIds.UnsupportedMember, syntax.Identifier.GetLocation(), name, "WireRecords", name,
                        "it is not a wire record (a non-abstract, non-generic class, record or struct of your own)"));
                }
            }
        }

        /// <summary>
        /// MM1006/MM1007: shapes the generated half cannot complete. The registry constructs the provider without type
        /// arguments, so neither it nor a containing type may be generic; the generated file re-opens every containing
        /// type (each must be partial) and is another file (a file-local type cannot be re-opened there).
        /// </summary>
        private static void CheckDeclarationShape(INamedTypeSymbol type, TypeDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics)
        {
            if (syntax.TypeParameterList != null)
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.GenericProvider, syntax.TypeParameterList.GetLocation(), type.Name, "is generic"));
            }
            CheckNotFileLocal(type, syntax, null, diagnostics);
            var outerSyntax = syntax.Parent as TypeDeclarationSyntax;
            for (var outer = type.ContainingType; outer != null; outer = outer.ContainingType, outerSyntax = outerSyntax?.Parent as TypeDeclarationSyntax)
            {
                var outerName = outer.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                if (outer.TypeParameters.Length > 0)
                {
                    diagnostics.Add(Diagnostic(DiagnosticIds.GenericProvider, syntax.Identifier.GetLocation(), type.Name,
                        "is nested in generic type '" + outerName + "'"));
                }
                if (outerSyntax == null)
                {
                    continue;
                }
                if (!outerSyntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Add(Diagnostic(DiagnosticIds.UnreachableDeclaration, outerSyntax.Identifier.GetLocation(), type.Name,
                        "is nested in '" + outerName + "', which is not partial; the generator must re-open '" + outerName + "' to add the provider's other half"));
                }
                CheckNotFileLocal(type, outerSyntax, outerName, diagnostics);
            }
        }

        /// <summary>MM1007 when <paramref name="declaration"/> (the provider's, or that of its containing type <paramref name="outerName"/>) is file-local.</summary>
        private static void CheckNotFileLocal(INamedTypeSymbol type, TypeDeclarationSyntax declaration, string? outerName, List<DiagnosticInfo> diagnostics)
        {
            var file = declaration.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.FileKeyword));
            if (file.IsKind(SyntaxKind.FileKeyword))
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.UnreachableDeclaration, file.GetLocation(), type.Name,
                    (outerName == null ? "is file-local" : "is nested in file-local '" + outerName + "'")
                    + "; the generator adds the provider's other half in another file, where a file-local type cannot be re-opened"));
            }
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
                var id = attribute.ConstructorArguments[0].Value as string ?? string.Empty;
                if (models.Any(m => m.Id == id))
                {
                    diagnostics.Add(Diagnostic(DiagnosticIds.DuplicateModel, ArgumentLocation(attribute, 0, null, cancellationToken), id, type.Name));
                }
                var capabilities = new List<string>();
                var capabilityArgument = attribute.ConstructorArguments[1];
                var names = capabilityArgument.Kind == TypedConstantKind.Array
                    ? capabilityArgument.Values.Select(v => v.Value as string).ToList()
                    : new List<string?> { capabilityArgument.Value as string };
                for (var index = 0; index < names.Count; index++)
                {
                    var name = names[index];
                    if (name == null)
                    {
                        continue;
                    }
                    var resolved = CapabilityIndex.Default.Resolve(name);
                    if (resolved == null)
                    {
                        var suggestion = CapabilityIndex.Default.Suggest(name);
                        diagnostics.Add(Diagnostic(DiagnosticIds.UnknownCapability, CapabilityLocation(attribute, index, cancellationToken), name,
                            suggestion == null ? string.Empty : " Did you mean '" + suggestion + "'?"));
                        resolved = name;
                    }
                    else if (!CapabilityIndex.Default.IsLeaf(resolved))
                    {
                        var leaves = CapabilityIndex.Default.LeavesUnder(resolved);
                        diagnostics.Add(Diagnostic(DiagnosticIds.CategoryCapability, CapabilityLocation(attribute, index, cancellationToken), name, id,
                            leaves.Count > 0 ? leaves[0] : resolved + ".*"));
                    }
                    if (!capabilities.Contains(resolved))
                    {
                        capabilities.Add(resolved);
                    }
                }
                int? context = null, maxOutput = null, features = null;
                string? input = null, output = null, perRequest = null, upstream = null;
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
                        case "UpstreamName": upstream = named.Value.Value is string u && u.Length > 0 ? u : null; break;
                    }
                }
                CheckLimits(attribute, id, diagnostics, cancellationToken);
                models.Add(new CatalogueModel(id, capabilities.ToEquatableArray(), context, maxOutput, input, output, perRequest, features, upstream));
            }
            return models;
        }

        private static string? Price(object? value) =>
            value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : null;

        private static List<HookModel> ParseHooks(INamedTypeSymbol type, WireTypeParser wire, List<DiagnosticInfo> diagnostics,
            Dictionary<string, Location?> hookLocations, CancellationToken cancellationToken)
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
                var otherState = hooks.FirstOrDefault(h => h.StateType != null)?.StateType;
                if (hook.StateType != null && otherState != null && hook.StateType != otherState)
                {
                    // One stream has one state object: every method that takes it must take the same type.
                    diagnostics.Add(Diagnostic(DiagnosticIds.BadSignature, location, method.Name, hookName,
                        spec.Expected + "; another ParseStreamChunk method of this provider takes '" + otherState.Replace("global::", string.Empty) + "'"));
                    continue;
                }
                if (hooks.Any(h => h.Hook == hook.Hook && h.Event == hook.Event))
                {
                    diagnostics.Add(Diagnostic(DiagnosticIds.DuplicateHook, location, hookName + (eventName == null ? string.Empty : " (event '" + eventName + "')"), method.Name));
                    continue;
                }
                hooks.Add(hook);
                if (!hookLocations.ContainsKey(hook.Hook))
                {
                    hookLocations[hook.Hook] = location;
                }
            }
            return hooks;
        }

        private static void CheckLimits(AttributeData attribute, string id, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            int? context = null, maxOutput = null;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "ContextWindow":
                        context = named.Value.Value as int?;
                        if (context <= 0)
                        {
                            diagnostics.Add(Diagnostic(DiagnosticIds.BadLimits, ArgumentLocation(attribute, -1, named.Key, cancellationToken), id,
                                "ContextWindow is " + context.Value.ToString(CultureInfo.InvariantCulture) + "; it must be positive"));
                        }
                        break;
                    case "MaxOutputTokens":
                        maxOutput = named.Value.Value as int?;
                        if (maxOutput <= 0)
                        {
                            diagnostics.Add(Diagnostic(DiagnosticIds.BadLimits, ArgumentLocation(attribute, -1, named.Key, cancellationToken), id,
                                "MaxOutputTokens is " + maxOutput.Value.ToString(CultureInfo.InvariantCulture) + "; it must be positive"));
                        }
                        break;
                    case "InputPricePer1K":
                    case "OutputPricePer1K":
                    case "PricePerRequest":
                        if (named.Value.Value is double price && (price < 0 || double.IsNaN(price)))
                        {
                            diagnostics.Add(Diagnostic(DiagnosticIds.BadLimits, ArgumentLocation(attribute, -1, named.Key, cancellationToken), id,
                                named.Key + " is " + price.ToString("R", CultureInfo.InvariantCulture) + "; a price cannot be negative"));
                        }
                        break;
                }
            }
            if (context > 0 && maxOutput > context)
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.BadLimits, ArgumentLocation(attribute, -1, "MaxOutputTokens", cancellationToken), id,
                    "MaxOutputTokens (" + maxOutput!.Value.ToString(CultureInfo.InvariantCulture) + ") is above ContextWindow ("
                    + context!.Value.ToString(CultureInfo.InvariantCulture) + ")"));
            }
        }

        private static void CheckMissingHooks(INamedTypeSymbol type, List<CatalogueModel> models, List<HookModel> hooks,
            Dictionary<string, Location?> hookLocations, List<DiagnosticInfo> diagnostics)
        {
            var build = hooks.FirstOrDefault(h => h.Hook == "BuildRequestPayload" && h.OutputWireType != null);
            if (build == null)
            {
                return;
            }
            var location = hookLocations.TryGetValue("BuildRequestPayload", out var l) ? l : null;
            var wireName = build.OutputWireType!.Replace("global::", string.Empty);
            if (!hooks.Any(h => h.Hook == "ParseResponse"))
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.MissingHook, location, type.Name, wireName, "ParseResponse", string.Empty));
            }
            var streamed = models.FirstOrDefault(m => m.Features is int f && (f & StreamingFeature) != 0);
            if (streamed != null && !hooks.Any(h => h.Hook == "ParseStreamChunk"))
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.MissingHook, location, type.Name, wireName, "ParseStreamChunk",
                    " (model '" + streamed.Id + "' streams)"));
            }
        }

        /// <summary>ModelFeatures.Streaming.</summary>
        private const int StreamingFeature = 16;

        internal static bool IsValidProviderId(string id)
        {
            if (id.Length == 0)
            {
                return false;
            }
            var previousSeparator = true;
            foreach (var c in id)
            {
                if (c == '.' || c == '-')
                {
                    if (previousSeparator)
                    {
                        return false;
                    }
                    previousSeparator = true;
                }
                else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                {
                    previousSeparator = false;
                }
                else
                {
                    return false;
                }
            }
            return !previousSeparator;
        }

        private static bool IsHttpUrl(string url) =>
            System.Uri.TryCreate(url, System.UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https") && uri.Host.Length > 0;

        private static bool IsEnvironmentName(string name)
        {
            if (name.Length == 0 || (name[0] >= '0' && name[0] <= '9'))
            {
                return false;
            }
            foreach (var c in name)
            {
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The syntax of an attribute argument: positional <paramref name="position"/> (when ≥ 0) or the named one; else the attribute.</summary>
        internal static Location? ArgumentLocation(AttributeData attribute, int position, string? name, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            {
                return null;
            }
            var arguments = syntax.ArgumentList?.Arguments ?? default;
            if (name != null)
            {
                foreach (var argument in arguments)
                {
                    if (argument.NameEquals?.Name.Identifier.ValueText == name)
                    {
                        return argument.Expression.GetLocation();
                    }
                }
                return syntax.GetLocation();
            }
            var positional = arguments.Where(a => a.NameEquals == null && a.NameColon == null).ToList();
            return position < positional.Count ? positional[position].Expression.GetLocation() : syntax.GetLocation();
        }

        /// <summary>The syntax of the <paramref name="index"/>th capability of a [ModelInfo] (params array or array/collection expression).</summary>
        private static Location? CapabilityLocation(AttributeData attribute, int index, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax || syntax.ArgumentList == null)
            {
                return null;
            }
            var positional = syntax.ArgumentList.Arguments.Where(a => a.NameEquals == null && a.NameColon == null).ToList();
            if (positional.Count == 2)
            {
                var expression = positional[1].Expression;
                var elements = expression switch
                {
                    ArrayCreationExpressionSyntax a => a.Initializer?.Expressions.Cast<SyntaxNode>().ToList(),
                    ImplicitArrayCreationExpressionSyntax i => i.Initializer.Expressions.Cast<SyntaxNode>().ToList(),
                    CollectionExpressionSyntax c => c.Elements.Cast<SyntaxNode>().ToList(),
                    _ => null,
                };
                if (elements != null)
                {
                    return index < elements.Count ? elements[index].GetLocation() : expression.GetLocation();
                }
            }
            return index + 1 < positional.Count ? positional[index + 1].Expression.GetLocation() : syntax.GetLocation();
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
            var isError = !DiagnosticIds.IsWarning(id);
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
