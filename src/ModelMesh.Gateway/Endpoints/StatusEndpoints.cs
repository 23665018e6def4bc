using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModelMesh.Gateway.Metrics;

using ModelMesh.Gateway.Http;

namespace ModelMesh.Gateway.Endpoints;

/// <summary>
/// <c>GET /health</c> (the process answers), <c>GET /ready</c> (every pool has an active model: 200, else 503
/// naming the pools that have none), <c>GET /metrics</c> (Prometheus text) and <c>GET /admin/status</c> (every
/// pool's models and their state, for <c>modelmesh models --url</c>).
/// </summary>
internal static class StatusEndpoints
{
    public static Task HealthAsync(HttpContext http, GatewayContext gateway) =>
        JsonAnswer.WriteAsync(http, StatusCodes.Status200OK, gateway.Uptime, static (json, uptime) =>
        {
            json.WriteStartObject();
            json.WriteString("status", "ok");
            json.WriteNumber("uptime_seconds", Math.Round(uptime.TotalSeconds, 3));
            json.WriteString("version", GatewayServer.Version);
            json.WriteEndObject();
        });

    public static Task ReadyAsync(HttpContext http, GatewayContext gateway)
    {
        var pools = gateway.Mesh.PoolStatus();
        var notReady = pools.Where(p => p.Active == 0).Select(p => p.PoolId).ToArray();
        var ready = notReady.Length == 0 && pools.Count > 0;
        return JsonAnswer.WriteAsync(http, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, (pools, notReady, ready), static (json, state) =>
        {
            var (pools, notReady, ready) = state;
            json.WriteStartObject();
            json.WriteString("status", ready ? "ready" : "not_ready");
            // The pools that make the gateway unready, by name: a probe's log shows which, without reading counts.
            json.WriteStartArray("not_ready");
            foreach (var pool in notReady)
            {
                json.WriteStringValue(pool);
            }
            json.WriteEndArray();
            json.WriteStartObject("pools");
            foreach (var pool in pools)
            {
                json.WriteStartObject(pool.PoolId);
                json.WriteNumber("active", pool.Active);
                json.WriteNumber("standby", pool.Standby);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    public static async Task MetricsAsync(HttpContext http, GatewayContext gateway)
    {
        http.Response.ContentType = PrometheusText.ContentType;
        await http.Response.WriteAsync(PrometheusText.Render(gateway.Metrics, gateway.Mesh, gateway.Uptime), http.RequestAborted).ConfigureAwait(false);
    }

    public static Task AdminStatusAsync(HttpContext http, GatewayContext gateway) =>
        JsonAnswer.WriteAsync(http, StatusCodes.Status200OK, gateway.Mesh.PoolStatus(), static (json, pools) =>
        {
            json.WriteStartObject();
            json.WriteString("version", GatewayServer.Version);
            json.WriteStartArray("pools");
            foreach (var pool in pools)
            {
                json.WriteStartObject();
                json.WriteString("id", pool.PoolId);
                json.WriteString("strategy", pool.Strategy);
                if (pool.Capability is { } capability)
                {
                    json.WriteString("capability", capability);
                }
                if (pool.CurrentModel is { } current)
                {
                    json.WriteString("current", current);
                }
                json.WriteStartArray("models");
                foreach (var model in pool.Models)
                {
                    json.WriteStartObject();
                    json.WriteString("id", model.ModelId);
                    json.WriteString("provider", model.ProviderId);
                    json.WriteString("status", model.Status == ModelStatus.Active ? "active" : "standby");
                    if (model.DeactivationReason is { } reason)
                    {
                        json.WriteString("reason", reason.ToString());
                    }
                    if (model.CooldownUntil is { } until)
                    {
                        json.WriteString("cooldown_until", until.ToString("O", CultureInfo.InvariantCulture));
                    }
                    json.WriteNumber("requests", model.Requests);
                    json.WriteNumber("failures", model.Failures);
                    json.WriteNumber("error_rate", Math.Round(model.ErrorRate, 4));
                    if (model.LatencyP95Ms is double p95)
                    {
                        json.WriteNumber("latency_p95_ms", Math.Round(p95, 1));
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
}
