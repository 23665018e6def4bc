using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelMesh.Taxonomy;

namespace ModelMesh.Analysis
{
    /// <summary>
    /// MM3005: a string literal passed to a parameter (or assigned to a property) marked <c>[CapabilityName]</c> must
    /// be a capability path or alias of the tree ModelMesh.Core uses. Collections (arrays, collection expressions)
    /// are checked element by element.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CapabilityArgumentAnalyzer : DiagnosticAnalyzer
    {
        private const string CapabilityNameAttributeName = "ModelMesh.CapabilityNameAttribute";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(MMDescriptors.MM3005);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var marker = start.Compilation.GetTypeByMetadataName(CapabilityNameAttributeName);
                if (marker == null)
                {
                    return;
                }
                start.RegisterOperationAction(operationContext =>
                {
                    var argument = (IArgumentOperation)operationContext.Operation;
                    if (argument.Parameter is { } parameter && IsMarked(parameter, marker))
                    {
                        Check(operationContext, argument.Value, parameter.ContainingSymbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));
                    }
                }, OperationKind.Argument);
                start.RegisterOperationAction(operationContext =>
                {
                    var assignment = (ISimpleAssignmentOperation)operationContext.Operation;
                    if (assignment.Target is IPropertyReferenceOperation property && IsMarked(property.Property, marker))
                    {
                        Check(operationContext, assignment.Value, property.Property.ContainingType.Name + "." + property.Property.Name);
                    }
                }, OperationKind.SimpleAssignment);
            });
        }

        private static bool IsMarked(ISymbol symbol, INamedTypeSymbol marker)
        {
            if (symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, marker)))
            {
                return true;
            }
            // An override or an implicit parameter of a reduced extension keeps the mark of its original definition.
            return symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol method } p && method.OriginalDefinition is { } original
                && !SymbolEqualityComparer.Default.Equals(original, method) && p.Ordinal < original.Parameters.Length
                && original.Parameters[p.Ordinal].GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, marker));
        }

        private static void Check(OperationAnalysisContext context, IOperation value, string target)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }
            switch (value)
            {
                case ILiteralOperation literal when literal.ConstantValue.HasValue && literal.ConstantValue.Value is string text:
                    Report(context, literal, text, target);
                    break;
                case IArrayCreationOperation array when array.Initializer != null:
                    foreach (var element in array.Initializer.ElementValues)
                    {
                        Check(context, element, target);
                    }
                    break;
                case ICollectionExpressionOperation collection:
                    foreach (var element in collection.Elements)
                    {
                        Check(context, element, target);
                    }
                    break;
            }
        }

        private static void Report(OperationAnalysisContext context, IOperation literal, string text, string target)
        {
            if (CapabilityIndex.Default.Resolve(text) != null)
            {
                return;
            }
            var suggestion = CapabilityIndex.Default.Suggest(text);
            var properties = suggestion == null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(ProviderAnalyzer.SuggestionProperty, suggestion);
            context.ReportDiagnostic(Diagnostic.Create(MMDescriptors.MM3005, literal.Syntax.GetLocation(), properties,
                text, target, suggestion == null ? string.Empty : " Did you mean '" + suggestion + "'?"));
        }
    }
}
