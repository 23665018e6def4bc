namespace ModelMesh.Generators.Tests.Generator;

/// <summary>
/// Compares generated text with Snapshots/&lt;name&gt;.verified.cs byte for byte (line endings normalised to LF).
/// On a mismatch it writes &lt;name&gt;.received.cs and fails; with UPDATE_SNAPSHOTS=1 it accepts the new text instead.
/// </summary>
internal static class Snapshot
{
    public static void Match(string name, string actual)
    {
        var directory = Path.Combine(GeneratorHarness.ProjectDirectory, "Snapshots");
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }
        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified}; wrote {received}. Accept with UPDATE_SNAPSHOTS=1 dotnet test."
            : $"Generated code differs from {verified}; see {received}. Accept with UPDATE_SNAPSHOTS=1 dotnet test.");
    }
}
