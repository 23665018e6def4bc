namespace ModelMesh.Cli.Tests;

/// <summary>Runs the CLI in-process with the given input and captures what it writes.</summary>
internal static class CliRun
{
    /// <summary>Bounds every run: a command that waits forever fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(new CliHost { Input = TextReader.Null }, args);

    public static Task<(int Code, string Out, string Err)> WithInputAsync(string input, params string[] args) =>
        RunAsync(new CliHost { Input = new StringReader(input) }, args);

    public static async Task<(int Code, string Out, string Err)> RunAsync(CliHost host, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, host, output, error, CancellationToken.None).WaitAsync(Limit);
        return (code, output.ToString(), error.ToString());
    }
}

/// <summary>A config file in a temporary directory, removed afterwards.</summary>
internal sealed class TempConfig : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modelmesh-cli-").FullName;

    public string Write(string yaml)
    {
        var path = Path.Combine(_dir, "modelmesh.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
