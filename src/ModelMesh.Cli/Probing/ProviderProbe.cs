using System.Diagnostics;
using System.Globalization;
using ModelMesh.Cdk;
using ModelMesh.Cli.Terminal;

namespace ModelMesh.Cli.Probing;

/// <summary>
/// A cheap real call to a provider's upstream, <c>GET /v1/models</c> (<see cref="BaseProvider.ListModelsAsync"/>),
/// bounded by a short timeout: it proves the address, the credentials and the connector's wire format.
/// </summary>
internal static class ProviderProbe
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Probes one provider; a failure is a result, the caller's cancellation is not.</summary>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public static async Task<ProbeResult> RunAsync(BaseProvider provider, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await provider.ListModelsAsync(bounded.Token).ConfigureAwait(false);
            return new ProbeResult(provider.Id, Stopwatch.GetElapsedTime(started), Failure: null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var limit = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return new ProbeResult(provider.Id, Stopwatch.GetElapsedTime(started), ProviderErrorCategory.Timeout, Detail: $"no answer within {limit} s");
        }
        catch (ProviderException e)
        {
            // The provider has already redacted its secrets from these and bounded their length.
            var detail = e.Classification.Message ?? e.InnerException?.Message;
            return new ProbeResult(provider.Id, Stopwatch.GetElapsedTime(started), e.Category, e.StatusCode, detail is null ? null : Ansi.Printable(detail));
        }
    }
}
