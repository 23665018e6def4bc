using Microsoft.Extensions.Options;
using ModelMesh;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The options type whose start-up validation builds the registered mesh (it carries no settings).</summary>
public sealed class MeshStartup
{
}

/// <summary>Validates at start-up by building the mesh: a configuration problem becomes the validation failure, with its locations.</summary>
internal sealed class MeshStartupValidation(IServiceProvider services) : IValidateOptions<MeshStartup>
{
    public ValidateOptionsResult Validate(string? name, MeshStartup options)
    {
        try
        {
            _ = services.GetRequiredService<MeshClient>();
            return ValidateOptionsResult.Success;
        }
        catch (ConfigurationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
