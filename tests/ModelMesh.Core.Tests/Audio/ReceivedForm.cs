using System.Text;
using Microsoft.AspNetCore.Http;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Audio;

/// <summary>What the loopback upstream parsed out of a multipart upload, with Kestrel's own form reader.</summary>
internal sealed record ReceivedForm(
    string ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    string FileField,
    string FileName,
    string? FileContentType,
    byte[] FileBytes,
    int FileCount)
{
    public string? Field(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;

    public string[] All(string name) => Fields.Where(f => f.Key == name).Select(f => f.Value).ToArray();

    /// <summary>A scripted response that parses the upload, hands it to <paramref name="received"/>, then answers.</summary>
    public static Func<HttpContext, RecordedRequest, Task> Capture(List<ReceivedForm> received, string contentType, string body, int status = 200) =>
        async (context, _) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var fields = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList();
            var file = form.Files[0];
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, context.RequestAborted);
            lock (received)
            {
                received.Add(new ReceivedForm(context.Request.ContentType ?? "", fields, file.Name, file.FileName, file.ContentType, copy.ToArray(), form.Files.Count));
            }
            await LoopbackUpstream.WriteAsync(context, status, contentType, Encoding.UTF8.GetBytes(body));
        };
}

/// <summary>A stream that cannot seek or report its length, like a network or pipe stream.</summary>
internal sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data, writable: false)
{
    public bool WasDisposed { get; private set; }

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    protected override void Dispose(bool disposing)
    {
        WasDisposed = true;
        base.Dispose(disposing);
    }
}
