using System.Net;
using System.Net.Http.Headers;

namespace ModelMesh.Cli.Status;

/// <summary>Reads a running gateway's status from its token-protected <c>GET /admin/status</c>.</summary>
internal static class GatewayStatusClient
{
    /// <summary>How long the gateway has to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const int MaxBodyBytes = 16 * 1024 * 1024;

    /// <exception cref="CliFailureException">The gateway could not be reached, refused the token, failed, or answered another shape.</exception>
    public static async Task<StatusReport> ReadAsync(Uri gateway, string? token, CancellationToken cancellationToken)
    {
        var shown = Shown(gateway);
        using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = MaxBodyBytes };
        using var request = new HttpRequestMessage(HttpMethod.Get, StatusUrl(gateway));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        byte[] body;
        HttpStatusCode status;
        try
        {
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailureException($"The gateway at {shown} did not answer /admin/status within {Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            throw new CliFailureException($"Could not read the status of the gateway at {shown}: {e.Message}", e);
        }
        return status switch
        {
            HttpStatusCode.OK => GatewayStatusJson.Parse(body, shown),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => throw new CliFailureException(token is null
                ? $"The gateway at {shown} requires a token for /admin/status (HTTP {(int)status}): pass one of its tokens with --token."
                : $"The gateway at {shown} refused the token given with --token (HTTP {(int)status}): pass one of the tokens it was started with."),
            HttpStatusCode.NotFound => throw new CliFailureException($"The server at {shown} has no /admin/status (HTTP 404): is it a ModelMesh gateway?"),
            _ => throw new CliFailureException($"The gateway at {shown} answered /admin/status with HTTP {(int)status}."),
        };
    }

    /// <summary><c>admin/status</c> under the gateway's address (a path prefix, if any, is kept).</summary>
    private static Uri StatusUrl(Uri gateway)
    {
        var builder = new UriBuilder(gateway) { Query = string.Empty, Fragment = string.Empty };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }
        return new Uri(builder.Uri, "admin/status");
    }

    /// <summary>The address as it may be printed: without user information, which may hold a password.</summary>
    private static string Shown(Uri gateway) => gateway.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
}
