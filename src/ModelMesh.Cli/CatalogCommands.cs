using System.CommandLine;

namespace ModelMesh.Cli;

/// <summary><c>modelmesh capabilities [--search TERM] [--tree]</c>: the capability taxonomy.</summary>
internal static class CapabilitiesCommand
{
    public static Command Create()
    {
        var search = new Option<string>("--search") { Description = "Only capabilities whose path or names match TERM.", HelpName = "TERM" };
        var tree = new Option<bool>("--tree") { Description = "Show the whole taxonomy as a tree." };
        var command = new Command("capabilities", "List the capability taxonomy.") { search, tree };
        command.SetAction(CliApp.Guarded(async (parsed, _) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(tree))
            {
                await WriteTreeAsync(Capabilities.Tree(), output, depth: -1).ConfigureAwait(false);
                return 0;
            }
            var list = parsed.GetValue(search) is { } term ? Capabilities.Search(term) : Capabilities.List();
            foreach (var capability in list.Where(c => c.IsLeaf))
            {
                await output.WriteLineAsync($"{capability.Path,-60} {string.Join(", ", capability.Names)}").ConfigureAwait(false);
            }
            return 0;
        }));
        return command;
    }

    private static async Task WriteTreeAsync(CapabilityNode node, TextWriter output, int depth)
    {
        if (depth >= 0)
        {
            await output.WriteLineAsync(new string(' ', depth * 2) + node.Name).ConfigureAwait(false);
        }
        foreach (var child in node.Children)
        {
            await WriteTreeAsync(child, output, depth + 1).ConfigureAwait(false);
        }
    }
}

/// <summary><c>modelmesh resolve NAME</c>: a short name or path to its capability path.</summary>
internal static class ResolveCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "A capability short name (chat-completion) or path." };
        var command = new Command("resolve", "Resolve a short name or path to its capability path.") { name };
        command.SetAction(CliApp.Guarded(async (parsed, _) =>
        {
            await parsed.InvocationConfiguration.Output.WriteLineAsync(Capabilities.Resolve(parsed.GetRequiredValue(name))).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
