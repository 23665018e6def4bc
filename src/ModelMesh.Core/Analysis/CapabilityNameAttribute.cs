namespace ModelMesh;

/// <summary>
/// Marks a parameter or property that takes a capability path or alias (for example
/// <c>generation.text-generation.chat-completion</c> or <c>chat-completion</c>). The ModelMesh analyzers check
/// string literals passed to it against the capability tree at compile time (MM3005), so a typo fails the build
/// instead of throwing at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class CapabilityNameAttribute : Attribute
{
}
