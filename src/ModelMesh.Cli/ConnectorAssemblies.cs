using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace ModelMesh.Cli;

/// <summary>
/// Loads the user's assemblies named by <c>--assembly</c> so the connectors they define register before a config
/// file names them. Generated connectors register from a module initializer, which the runtime runs only before
/// the module is first used; loading alone does not use it, so it is run here.
/// </summary>
internal static class ConnectorAssemblies
{
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode",
        Justification = "Loading an assembly by path is what --assembly asks for; it is refused where it cannot work (native AOT), and the loaded code binds to the CLI's own ModelMesh.Core.")]
    public static void Load(IReadOnlyList<string> paths)
    {
        if (paths.Count > 0 && !RuntimeFeature.IsDynamicCodeSupported)
        {
            throw new CliUsageException("--assembly needs the JIT-compiled modelmesh tool: a native AOT build cannot load assemblies.");
        }
        foreach (var path in paths)
        {
            var fullPath = Path.GetFullPath(path);
            ResolveDependenciesOf(fullPath);
            Assembly assembly;
            try
            {
                assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                throw new CliUsageException($"The assembly '{path}' could not be loaded: {ex.Message}");
            }
            try
            {
                RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            }
            catch (TypeInitializationException ex)
            {
                throw new CliUsageException($"The assembly '{path}' failed to register its connectors: {ex.InnerException?.Message ?? ex.Message}");
            }
        }
    }

    // The assembly's own dependencies (its .deps.json beside it); ModelMesh.Core is already loaded, so the CLI's copy is shared.
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = "As in Load: only for assemblies named by --assembly.")]
    private static void ResolveDependenciesOf(string assemblyPath)
    {
        AssemblyDependencyResolver resolver;
        try
        {
            resolver = new AssemblyDependencyResolver(assemblyPath);
        }
        catch (InvalidOperationException)
        {
            return; // no usable .deps.json: the assembly's dependencies must already be the CLI's
        }
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            resolver.ResolveAssemblyToPath(name) is { } dependency ? context.LoadFromAssemblyPath(dependency) : null;
    }
}
