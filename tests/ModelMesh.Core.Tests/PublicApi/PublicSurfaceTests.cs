using System.Reflection;

namespace ModelMesh.Core.Tests.PublicApi;

/// <summary>
/// Issue 11 §6: what a caller names to build a mesh lives in <c>ModelMesh</c>, the kind of call a policy sees is an
/// enum, and the configuration tree's plumbing is not public. Walked by reflection (tests are not trimmed).
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly Assembly Core = typeof(MeshOptions).Assembly;

    /// <summary>
    /// The connector base classes (DESIGN §4): a caller hands the mesh a connector instance through them, built by
    /// a connector's own constructor, so naming the parameter's type is never needed.
    /// </summary>
    private static readonly HashSet<string> ConnectorBases =
        ["ModelMesh.Cdk.BaseProvider", "ModelMesh.Cdk.BaseSecretStore", "ModelMesh.Cdk.BaseRotationPolicy"];

    /// <summary>The option types and builder a caller fills in to make a mesh.</summary>
    private static readonly Type[] CallerFacing =
    [
        typeof(MeshOptions), typeof(MeshConfigOptions), typeof(MeshBuilder), typeof(ModelMesh.Simulation.EmbeddedMeshOptions),
        typeof(BudgetOptions), typeof(RetryOptions), typeof(StreamTimeouts), typeof(PoolDefinition), typeof(ModelDefinition),
    ];

    [Fact]
    public void No_caller_facing_option_or_builder_member_needs_a_type_from_the_cdk_namespace()
    {
        var offenders = (from type in CallerFacing
                         from member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                         where member is not MethodBase { IsSpecialName: true }
                         from used in SignatureTypes(member)
                         where used.Namespace == "ModelMesh.Cdk" && !ConnectorBases.Contains(used.FullName!)
                         select $"{type.Name}.{member.Name}: {used.FullName}").Distinct().ToArray();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_kind_of_call_a_policy_and_an_operation_error_see_is_a_public_enum_of_namespace_ModelMesh()
    {
        var onRequest = Core.GetType("ModelMesh.Cdk.RoutingRequest", throwOnError: true)!.GetProperty("Operation")!.PropertyType;
        var onError = typeof(OperationNotServedException).GetProperty(nameof(OperationNotServedException.Operation))!.PropertyType;

        Assert.True(onRequest.IsEnum && onRequest.IsPublic, $"RoutingRequest.Operation is {onRequest.FullName}");
        Assert.Equal("ModelMesh", onRequest.Namespace);
        Assert.Equal(onRequest, onError);
    }

    [Fact]
    public void The_configuration_tree_and_its_readers_are_not_public()
    {
        string[] plumbing = ["ConfigNode", "ConfigNodeKind", "ConfigSection", "YamlTreeReader", "ConfigurationTreeReader"];

        var visible = Core.GetExportedTypes().Where(t => plumbing.Contains(t.Name)).Select(t => t.FullName).ToArray();
        var exposing = (from type in Core.GetExportedTypes()
                        from member in type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                        where IsVisibleOutside(member)
                        from used in SignatureTypes(member)
                        where plumbing.Contains(used.Name) && used.Assembly == Core
                        select $"{type.Name}.{member.Name}: {used.Name}").Distinct().ToArray();

        Assert.Empty(visible);
        Assert.Empty(exposing);
    }

    private static bool IsVisibleOutside(MemberInfo member) => member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsVisibleOutside),
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        EventInfo e => e.AddMethod is { } add && IsVisibleOutside(add),
        _ => false,
    };

    /// <summary>Every type a member's signature names, generic arguments and element types included.</summary>
    private static IEnumerable<Type> SignatureTypes(MemberInfo member) => member switch
    {
        PropertyInfo property => Expand(property.PropertyType).Concat(property.GetIndexParameters().SelectMany(p => Expand(p.ParameterType))),
        FieldInfo field => Expand(field.FieldType),
        MethodInfo method => Expand(method.ReturnType).Concat(method.GetParameters().SelectMany(p => Expand(p.ParameterType))),
        ConstructorInfo constructor => constructor.GetParameters().SelectMany(p => Expand(p.ParameterType)),
        EventInfo e => Expand(e.EventHandlerType),
        _ => [],
    };

    private static IEnumerable<Type> Expand(Type? type)
    {
        if (type is null)
        {
            yield break;
        }
        if (type.HasElementType)
        {
            foreach (var inner in Expand(type.GetElementType()))
            {
                yield return inner;
            }
            yield break;
        }
        yield return type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }
}
