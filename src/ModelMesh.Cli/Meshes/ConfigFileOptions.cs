using System.CommandLine;
using System.CommandLine.Parsing;

namespace ModelMesh.Cli.Meshes;

/// <summary>
/// The options that name a config file and the assemblies whose connectors it uses. Where the file is optional
/// (<c>chat</c>, <c>models</c>), leaving it out means the embedded default mesh (<see cref="CliHost.OpenDefaultMesh"/>).
/// </summary>
internal sealed class ConfigFileOptions
{
    public ConfigFileOptions(bool required = true)
    {
        Path = new Option<string>("--config")
        {
            Description = required ? "The ModelMesh YAML file." : "The ModelMesh YAML file (default: the embedded mesh: providers found in the environment, else the simulated one).",
            HelpName = "FILE",
            Required = required,
            Validators = { result => MustExist(result, "config file") },
        };
    }

    public Option<string> Path { get; }

    public Option<string[]> Assemblies { get; } = new("--assembly")
    {
        Description = "An assembly whose connectors the file uses (its generated [Provider] connectors register when it loads); repeatable.",
        HelpName = "DLL",
        Validators = { result => MustExist(result, "assembly") },
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Path);
        command.Options.Add(Assemblies);
    }

    /// <summary>Whether the command line names a config file.</summary>
    public bool IsGiven(ParseResult parsed) => parsed.GetValue(Path) is not null;

    /// <summary>Loads the assemblies, then builds the mesh the file describes without watching it; no request is sent.</summary>
    /// <exception cref="ConfigurationException">The file is not a usable configuration; every problem is listed.</exception>
    public Task<MeshClient> OpenAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        ConnectorAssemblies.Load(parsed.GetValue(Assemblies) ?? []);
        return Mesh.FromConfigAsync(parsed.GetRequiredValue(Path), new MeshConfigOptions { ReloadOnChange = false }, cancellationToken);
    }

    /// <summary>The file's mesh when one is named, else the host's default mesh.</summary>
    public async Task<OpenedMesh> OpenOrDefaultAsync(ParseResult parsed, CliHost host, CancellationToken cancellationToken)
    {
        if (!IsGiven(parsed))
        {
            if (parsed.GetValue(Assemblies) is { Length: > 0 })
            {
                throw new CliUsageException("--assembly needs --config: the connectors it registers are only used by a config file.");
            }
            return host.OpenDefaultMesh(host);
        }
        var client = await OpenAsync(parsed, cancellationToken).ConfigureAwait(false);
        return new OpenedMesh(client, client, banner: null, isSimulated: false);
    }

    private static void MustExist(OptionResult result, string what)
    {
        foreach (var token in result.Tokens.Where(t => !File.Exists(t.Value)))
        {
            result.AddError($"The {what} '{token.Value}' does not exist.");
        }
    }
}
