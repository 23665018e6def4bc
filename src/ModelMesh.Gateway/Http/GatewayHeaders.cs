using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ModelMesh.Gateway.Http;

/// <summary>The headers that say who served an answer, and the request id every answer carries.</summary>
internal static class GatewayHeaders
{
    public const string Model = "x-modelmesh-model";
    public const string Provider = "x-modelmesh-provider";
    public const string Attempts = "x-modelmesh-attempts";
    public const string Pool = "x-modelmesh-pool";
    public const string RequestId = "x-request-id";

    private static readonly string[] SmallNumbers = Enumerable.Range(0, 16).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Names the model that answered (or, for a failure, how many attempts were made); headers must not have been sent.</summary>
    public static void ServedBy(HttpResponse response, RoutingOutcome outcome)
    {
        var headers = response.Headers;
        if (outcome.PoolId is { } pool)
        {
            headers[Pool] = pool;
        }
        if (outcome.ModelId is { } model)
        {
            headers[Model] = model;
            headers[Provider] = outcome.ProviderId;
        }
        if (outcome.Attempts > 0)
        {
            headers[Attempts] = outcome.Attempts < SmallNumbers.Length ? SmallNumbers[outcome.Attempts] : outcome.Attempts.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The client's <c>x-request-id</c> when it is a sane token (printable ASCII, at most 128 characters), else a new one.</summary>
    public static string RequestIdOf(HttpRequest request)
    {
        if (request.Headers.TryGetValue(RequestId, out var given) && given.Count == 1 && given[0] is { Length: > 0 and <= 128 } id && IsToken(id))
        {
            return id;
        }
        return "req_" + Guid.NewGuid().ToString("N");
    }

    private static bool IsToken(string value)
    {
        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }
        return true;
    }
}
