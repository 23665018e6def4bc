using System.Globalization;
using System.Text;
using ModelMesh.Gateway.Errors;

namespace ModelMesh.Gateway.Metrics;

/// <summary>Renders the gateway's and the mesh's figures in the Prometheus text exposition format (0.0.4).</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(GatewayMetrics metrics, MeshClient mesh, TimeSpan uptime)
    {
        var text = new StringBuilder(4096);
        Header(text, "modelmesh_requests_total", "counter", "Requests answered, by route and HTTP status.");
        foreach (var ((route, status), count) in metrics.Requests)
        {
            text.Append("modelmesh_requests_total{route=\"").Append(Name(route)).Append("\",status=\"").Append(status.ToString(CultureInfo.InvariantCulture)).Append("\"} ")
                .Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        Header(text, "modelmesh_request_duration_seconds", "histogram", "Time from a request's arrival to the end of its answer (a stream's last byte).");
        foreach (var route in Enum.GetValues<Route>())
        {
            var (cumulative, count, sum) = metrics.Latency(route).Read();
            if (count == 0)
            {
                continue;
            }
            var label = Name(route);
            for (var i = 0; i < LatencyHistogram.Bounds.Length; i++)
            {
                text.Append("modelmesh_request_duration_seconds_bucket{route=\"").Append(label).Append("\",le=\"").Append(Number(LatencyHistogram.Bounds[i])).Append("\"} ")
                    .Append(cumulative[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            text.Append("modelmesh_request_duration_seconds_bucket{route=\"").Append(label).Append("\",le=\"+Inf\"} ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("modelmesh_request_duration_seconds_sum{route=\"").Append(label).Append("\"} ").Append(Number(sum)).Append('\n');
            text.Append("modelmesh_request_duration_seconds_count{route=\"").Append(label).Append("\"} ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        Header(text, "modelmesh_requests_in_flight", "gauge", "Requests being answered now (streams included).");
        text.Append("modelmesh_requests_in_flight ").Append(metrics.InFlight.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Header(text, "modelmesh_failovers_total", "counter", "Requests answered by another model than the first one tried.");
        foreach (var route in Enum.GetValues<Route>())
        {
            text.Append("modelmesh_failovers_total{route=\"").Append(Name(route)).Append("\"} ").Append(metrics.Failovers(route).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        Header(text, "modelmesh_errors_total", "counter", "Error answers (and interrupted streams), by class.");
        foreach (var kind in Enum.GetValues<GatewayErrorKind>())
        {
            text.Append("modelmesh_errors_total{class=\"").Append(Name(kind)).Append("\"} ").Append(metrics.Errors(kind).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var usage = mesh.Usage;
        Header(text, "modelmesh_tokens_total", "counter", "Tokens used, by model and kind.");
        foreach (var (model, totals) in usage.ByModel.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var name = Escape(model);
            text.Append("modelmesh_tokens_total{model=\"").Append(name).Append("\",type=\"prompt\"} ").Append(totals.PromptTokens.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("modelmesh_tokens_total{model=\"").Append(name).Append("\",type=\"completion\"} ").Append(totals.CompletionTokens.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        Header(text, "modelmesh_cost_usd_total", "counter", "Spend in US dollars, by model.");
        foreach (var (model, totals) in usage.ByModel.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append("modelmesh_cost_usd_total{model=\"").Append(Escape(model)).Append("\"} ").Append(totals.Cost.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        Header(text, "modelmesh_upstream_requests_total", "counter", "Upstream calls made, by model.");
        foreach (var (model, totals) in usage.ByModel.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append("modelmesh_upstream_requests_total{model=\"").Append(Escape(model)).Append("\"} ").Append(totals.Requests.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        Header(text, "modelmesh_models", "gauge", "Models of each pool, by status.");
        foreach (var pool in mesh.PoolStatus())
        {
            var id = Escape(pool.PoolId);
            text.Append("modelmesh_models{pool=\"").Append(id).Append("\",status=\"active\"} ").Append(pool.Active.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("modelmesh_models{pool=\"").Append(id).Append("\",status=\"standby\"} ").Append(pool.Standby.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        Header(text, "modelmesh_uptime_seconds", "gauge", "Seconds since the gateway started.");
        text.Append("modelmesh_uptime_seconds ").Append(Number(uptime.TotalSeconds)).Append('\n');
        return text.ToString();
    }

    public static string Name(Route route) => route switch
    {
        Route.ChatCompletions => "chat_completions",
        Route.Embeddings => "embeddings",
        Route.Speech => "audio_speech",
        Route.Transcriptions => "audio_transcriptions",
        Route.Models => "models",
        _ => "other",
    };

    public static string Name(GatewayErrorKind kind) => kind switch
    {
        GatewayErrorKind.InvalidRequest => "invalid_request",
        GatewayErrorKind.ModelNotFound => "model_not_found",
        GatewayErrorKind.Unauthorized => "unauthorized",
        GatewayErrorKind.RateLimited => "rate_limited",
        GatewayErrorKind.BodyTooLarge => "body_too_large",
        GatewayErrorKind.BudgetExceeded => "budget_exceeded",
        GatewayErrorKind.NoActiveModel => "no_active_model",
        GatewayErrorKind.UpstreamFailed => "upstream_failed",
        GatewayErrorKind.UpstreamTimeout => "upstream_timeout",
        GatewayErrorKind.UpstreamRejected => "upstream_rejected",
        GatewayErrorKind.StreamInterrupted => "stream_interrupted",
        GatewayErrorKind.NotFound => "not_found",
        _ => "internal",
    };

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A label value as the format wants it: backslash, quote and newline escaped.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
