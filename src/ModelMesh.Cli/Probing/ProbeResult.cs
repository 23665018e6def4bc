using System.Globalization;

namespace ModelMesh.Cli.Probing;

/// <summary>How one provider's probe ended.</summary>
/// <param name="ProviderId">The provider.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="Failure">What kind of failure, or null when the provider answered.</param>
/// <param name="StatusCode">The upstream's HTTP status, when it answered with an error.</param>
/// <param name="Detail">The failure's (redacted, bounded) description, if any.</param>
internal sealed record ProbeResult(string ProviderId, TimeSpan Elapsed, ProviderErrorCategory? Failure, int? StatusCode = null, string? Detail = null)
{
    public bool Succeeded => Failure is null;

    /// <summary>"ok (123 ms)" or "failed: Authentication (HTTP 401): detail".</summary>
    public override string ToString()
    {
        if (Failure is not { } category)
        {
            return string.Create(CultureInfo.InvariantCulture, $"ok ({Elapsed.TotalMilliseconds:0} ms)");
        }
        var status = StatusCode is int code ? string.Create(CultureInfo.InvariantCulture, $" (HTTP {code})") : string.Empty;
        return $"failed: {category}{status}{(string.IsNullOrEmpty(Detail) ? string.Empty : ": " + Detail)}";
    }
}
