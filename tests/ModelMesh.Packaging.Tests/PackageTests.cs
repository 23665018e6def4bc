using System.Diagnostics;
using System.IO.Compression;

namespace ModelMesh.Packaging.Tests;

public sealed class PackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("modelmesh-pack-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // a build server may still hold a file for a moment; the folder is in the temp directory anyway
        }
    }

    [Fact]
    public async Task The_packages_carry_the_generator_analyzers_and_test_kit_and_a_consumer_runs_its_connector_through_DI_and_IChatClient()
    {
        var repository = RepositoryRoot();
        var source = Path.Combine(_work, "repo");
        CopyTree(Path.Combine(repository, "src"), Path.Combine(source, "src"));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "README.md", "LICENSE" })
        {
            File.Copy(Path.Combine(repository, file), Path.Combine(source, file));
        }
        var feed = Path.Combine(_work, "feed");
        var version = "0.0.0-packtest." + DateTime.UtcNow.Ticks;

        var pack = await RunAsync(source, "pack", "src/ModelMesh.Core", "-c", "Release", "-o", feed, $"-p:Version={version}", "-nodeReuse:false");
        Assert.True(pack.ExitCode == 0, pack.Output);
        var packTesting = await RunAsync(source, "pack", "src/ModelMesh.Testing", "-c", "Release", "-o", feed, $"-p:Version={version}", "-nodeReuse:false");
        Assert.True(packTesting.ExitCode == 0, packTesting.Output);
        using (var testing = ZipFile.OpenRead(Path.Combine(feed, $"ModelMesh.Testing.{version}.nupkg")))
        {
            using var nuspec = new StreamReader(testing.GetEntry("ModelMesh.Testing.nuspec")!.Open());
            var metadata = nuspec.ReadToEnd();
            Assert.Contains($"<dependency id=\"ModelMesh\" version=\"{version}\"", metadata, StringComparison.Ordinal);
            Assert.Contains("<license type=\"expression\">MIT</license>", metadata, StringComparison.Ordinal);
            Assert.Contains("Microsoft.AspNetCore.App", metadata, StringComparison.Ordinal); // its Kestrel upstream needs the shared framework
        }

        using (var package = ZipFile.OpenRead(Path.Combine(feed, $"ModelMesh.{version}.nupkg")))
        {
            var entries = package.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("analyzers/dotnet/cs/ModelMesh.Generators.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/ModelMesh.Analyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/ModelMesh.CodeFixes.dll", entries);
            Assert.Contains("lib/net10.0/ModelMesh.Core.dll", entries);
            Assert.Contains("lib/net8.0/ModelMesh.Core.dll", entries);
            Assert.Contains("lib/net10.0/ModelMesh.Core.xml", entries);
            Assert.Contains("README.md", entries);
            using var nuspec = new StreamReader(package.GetEntry("ModelMesh.nuspec")!.Open());
            var metadata = nuspec.ReadToEnd();
            Assert.Contains("<license type=\"expression\">MIT</license>", metadata, StringComparison.Ordinal);
            Assert.Contains("<readme>README.md</readme>", metadata, StringComparison.Ordinal);
            Assert.Contains("<repository type=\"git\" url=\"https://github.com/modelmesh/modelmesh-dotnet\"", metadata, StringComparison.Ordinal);
            Assert.Contains("<projectUrl>https://github.com/modelmesh/modelmesh-dotnet</projectUrl>", metadata, StringComparison.Ordinal);
            Assert.Contains("<tags>", metadata, StringComparison.Ordinal);
        }

        var consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
                <RestoreAdditionalProjectSources>{{feed}}</RestoreAdditionalProjectSources>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ModelMesh" Version="{{version}}" />
                <PackageReference Include="ModelMesh.Testing" Version="{{version}}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.14" />
              </ItemGroup>
            </Project>
            """);
        // No `using ModelMesh;`: the DI extensions are in Microsoft.Extensions.DependencyInjection and the chat types are
        // Microsoft.Extensions.AI's; only the connector's attributes need ModelMesh.Cdk.
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """"
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using ModelMesh.Cdk;
            using ModelMesh.Testing;

            await using var upstream = await LoopbackUpstream.StartAsync();
            upstream.EnqueueJson("""{"id":"c1","object":"chat.completion","created":1,"model":"small","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the consumer"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""");
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ModelMesh:Providers:mine:Connector"] = ConsumerProvider.ConnectorId,
                ["ModelMesh:Providers:mine:BaseUrl"] = upstream.BaseUrl.ToString(),
                ["ModelMesh:Providers:mine:ApiKey"] = "sk-test",
                ["ModelMesh:Pools:chat-completion:Capability"] = "chat-completion",
            });
            builder.Services.AddModelMesh(builder.Configuration.GetSection("ModelMesh"));
            using var host = builder.Build();
            await host.StartAsync();

            var reply = await host.Services.GetRequiredService<IChatClient>().GetResponseAsync("Hi");
            Console.WriteLine("generated: " + ConsumerProvider.ConnectorId + " " + ConsumerProvider.Catalogue[0].Id);
            Console.WriteLine($"answer: {reply.Text} ({reply.ModelId}, {reply.Usage?.TotalTokenCount} tokens)");
            Console.WriteLine("upstream saw: " + upstream.Requests[0].Method + " " + upstream.Requests[0].Uri.AbsolutePath);
            await host.StopAsync();

            [Provider("consumer.chat.v1", BaseUrl = "https://llm.example.com", ApiKeyEnv = "1-NOT-A-VARIABLE")]
            [ModelInfo("small", "chat-completion", ContextWindow = 8_000)]
            public partial class ConsumerProvider : OpenAICompatibleProvider
            {
            }
            """");

        var build = await RunAsync(consumer, "build", "-c", "Release", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("Program.cs(28,", build.Output, StringComparison.Ordinal);
        Assert.Contains("warning MM1005", build.Output, StringComparison.Ordinal); // the analyzers ran in the consumer's build

        var run = await RunAsync(consumer, "bin/Release/net10.0/Consumer.dll");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("generated: consumer.chat.v1 consumer.small", run.Output, StringComparison.Ordinal); // the generator ran too
        Assert.Contains("answer: Hello from the consumer (mine.small, 7 tokens)", run.Output, StringComparison.Ordinal);
        Assert.Contains("upstream saw: POST /v1/chat/completions", run.Output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} took more than 5 minutes.");
        }
        return (process.ExitCode, await output + await error);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, directory);
            if (!IsBuildOutput(relative))
            {
                Directory.CreateDirectory(Path.Combine(to, relative));
            }
        }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (!IsBuildOutput(relative))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
                File.Copy(file, Path.Combine(to, relative));
            }
        }
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModelMesh.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("ModelMesh.sln was not found above " + AppContext.BaseDirectory);
    }
}
