using System.Collections;
using System.Reflection;

namespace ModelMesh.Generators.Tests.Generator;

/// <summary>No Roslyn symbol, compilation, syntax node or location is reachable from a generator model.</summary>
public sealed class ModelPurityTests
{
    [Fact]
    public void No_roslyn_object_is_reachable_from_the_tracked_step_values()
    {
        var compilation = GeneratorHarness.Compile(
            ("EveryHookProvider.cs", GeneratorHarness.Connector("EveryHookProvider")),
            ("KitchenSinkProvider.cs", GeneratorHarness.Connector("KitchenSinkProvider")),
            ("MessagesProvider.cs", GeneratorHarness.Connector("MessagesProvider")),
            ("Broken.cs", """
                using ModelMesh.Cdk;
                [Provider("broken.v1")]
                [ModelInfo("m", "chat-compleshun")]
                public partial class Broken : BaseProvider
                {
                    [HookOverride(ProviderHook.ParseResponse)]
                    private static int Wrong(string s) => 0;
                }
                """));
        var (_, result, _) = GeneratorHarness.Run(compilation);
        Assert.Empty(result.Diagnostics);
        var infos = DiagnosticTests.Infos(result);
        Assert.Contains(infos, d => d.Id == "MM2002");
        Assert.Contains(infos, d => d.Id == "MM3001");

        var values = new[] { TrackingNames.ProviderModels, TrackingNames.ProviderSources }
            .SelectMany(step => result.TrackedSteps[step]).SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.Equal(8, values.Count);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var value in values)
        {
            Walk(value, "model", seen);
        }
    }

    [Fact]
    public void No_model_type_declares_a_roslyn_typed_field()
    {
        var modelTypes = typeof(ProviderGenerator).Assembly.GetTypes().Where(t => t.Namespace == "ModelMesh.Generators.Model").ToList();
        Assert.NotEmpty(modelTypes);
        foreach (var type in modelTypes)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                Assert.False(IsRoslyn(field.FieldType), $"{type.Name}.{field.Name} is {field.FieldType}");
            }
        }
    }

    private static bool IsRoslyn(Type type) =>
        (type.Namespace ?? string.Empty).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
        || (type.IsGenericType && type.GetGenericArguments().Any(IsRoslyn))
        || (type.IsArray && IsRoslyn(type.GetElementType()!));

    private static void Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }
        var type = value.GetType();
        Assert.False(IsRoslyn(type), $"{path} is a {type.FullName}");
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }
        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                Walk(item, $"{path}[{i++}]", seen);
            }
        }
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), path + "." + field.Name, seen);
        }
    }
}
