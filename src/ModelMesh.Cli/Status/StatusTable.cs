using System.Globalization;
using ModelMesh.Cli.Terminal;

namespace ModelMesh.Cli.Status;

/// <summary>
/// Writes a <see cref="StatusReport"/> as a table: a heading line per pool, then a row per model (the model the next
/// request goes to marked <c>*</c>), its columns aligned across pools. Colour comes from <see cref="Ansi"/>.
/// </summary>
internal static class StatusTable
{
    private static readonly string[] Headings = ["MODEL", "PROVIDER", "STATUS", "REQUESTS", "FAILURES", "ERROR RATE", "P95"];

    public static async Task WriteAsync(StatusReport report, TextWriter output, Ansi ansi)
    {
        var source = Ansi.Printable(report.Source) + (report.Version is { } version ? $" (gateway {Ansi.Printable(version)})" : string.Empty);
        await output.WriteLineAsync(ansi.Dim(source)).ConfigureAwait(false);
        if (report.Pools.Count == 0)
        {
            await output.WriteLineAsync("no pools").ConfigureAwait(false);
            return;
        }
        var rows = report.Pools.Select(p => p.Models.Select(m => Cells(m, ansi)).ToArray()).ToArray();
        var widths = Headings.Select((h, i) => Math.Max(h.Length, rows.SelectMany(r => r).Select(r => r[i].Text.Length).DefaultIfEmpty(0).Max())).ToArray();
        foreach (var (pool, poolRows) in report.Pools.Zip(rows))
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            var active = pool.Models.Count(m => m.IsActive);
            var about = Ansi.Printable(pool.Strategy) + (pool.Capability is { } capability ? ", " + Ansi.Printable(capability) : string.Empty);
            await output.WriteLineAsync($"{ansi.Bold("pool " + Ansi.Printable(pool.Id))} ({about}): {active} active, {pool.Models.Count - active} standby").ConfigureAwait(false);
            await output.WriteLineAsync("  " + Line(Headings.Select(h => new Cell(h, ansi.Dim)).ToArray(), widths)).ConfigureAwait(false);
            foreach (var (model, cells) in pool.Models.Zip(poolRows))
            {
                var marker = model.Id == pool.Current ? "* " : "  ";
                await output.WriteLineAsync(marker + Line(cells, widths)).ConfigureAwait(false);
            }
        }
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(ansi.Dim("* the model the pool's next request goes to")).ConfigureAwait(false);
    }

    private static Cell[] Cells(ModelRow model, Ansi ansi) =>
    [
        new(Ansi.Printable(model.Id)),
        new(Ansi.Printable(model.Provider)),
        new(Status(model), model.IsActive ? ansi.Green : ansi.Yellow),
        new(model.Requests.ToString(CultureInfo.InvariantCulture)),
        new(model.Failures.ToString(CultureInfo.InvariantCulture)),
        new(model.ErrorRate.ToString("0.00", CultureInfo.InvariantCulture)),
        new(model.LatencyP95Ms is double p95 ? p95.ToString("0.#", CultureInfo.InvariantCulture) + " ms" : "-"),
    ];

    private static string Status(ModelRow model)
    {
        if (model.IsActive)
        {
            return "active";
        }
        var why = model.Reason is { } reason ? Ansi.Printable(reason) : null;
        var until = model.CooldownUntil is { } time ? "until " + time.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture) : null;
        var detail = string.Join(" ", new[] { why, until }.Where(s => s is not null));
        return detail.Length == 0 ? "standby" : $"standby ({detail})";
    }

    // Padding is measured on the plain text, so escape sequences never shift the columns.
    private static string Line(Cell[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => (c.Style?.Invoke(c.Text) ?? c.Text) + (i == cells.Length - 1 ? string.Empty : new string(' ', widths[i] - c.Text.Length))));

    private sealed record Cell(string Text, Func<string, string>? Style = null);
}
