using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ModelMesh.Gateway;

/// <summary>Checks the options and binds Kestrel to the address they name.</summary>
internal static class GatewaySetup
{
    public static void Check(GatewayOptions options)
    {
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The port must be 0–65535; got {options.Port}."), nameof(options));
        }
        if (!TryAddress(options.Host, out _))
        {
            throw new ArgumentException($"The host must be an IP address, 'localhost', '0.0.0.0' or '*'; got '{options.Host}'.", nameof(options));
        }
        if (options.RequestsPerMinute is < 1)
        {
            throw new ArgumentException("The rate limit must be at least 1 request per minute.", nameof(options));
        }
        if (options.Burst is < 1)
        {
            throw new ArgumentException("The rate limit's burst must be at least 1.", nameof(options));
        }
        if (options.MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentException("The body limit must be at least 1024 bytes.", nameof(options));
        }
        if (options.DrainTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("The drain timeout must not be negative.", nameof(options));
        }
        if (options.Tokens.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A bearer token must not be empty.", nameof(options));
        }
    }

    public static void Listen(KestrelServerOptions kestrel, GatewayOptions options)
    {
        TryAddress(options.Host, out var address);
        kestrel.Listen(address!, options.Port);
    }

    private static bool TryAddress(string host, out IPAddress? address)
    {
        address = host switch
        {
            "localhost" => IPAddress.Loopback, // one address: a dynamic port cannot be bound on both loopbacks
            "*" or "0.0.0.0" => IPAddress.Any,
            "::" or "[::]" => IPAddress.IPv6Any,
            _ => IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : null,
        };
        return address is not null;
    }
}
