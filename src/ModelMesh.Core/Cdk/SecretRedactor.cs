namespace ModelMesh.Cdk;

/// <summary>Removes known secret values from text before it reaches an exception message or a log line.</summary>
internal sealed class SecretRedactor
{
    private const int MinimumSecretLength = 6; // shorter values are too likely to be ordinary words
    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string?> secrets) =>
        _secrets = secrets.Where(s => s is { Length: >= MinimumSecretLength }).Distinct().OrderByDescending(s => s!.Length).ToArray()!;

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }
        return text;
    }

    public bool Contains(string text) => _secrets.Any(s => text.Contains(s, StringComparison.Ordinal));
}
