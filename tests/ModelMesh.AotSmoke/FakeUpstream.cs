using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ModelMesh.AotSmoke;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 written by hand on a TcpListener (no ASP.NET: the smoke app stays a plain console app): it reads one
/// request per connection (Content-Length body) and answers either 503 or, for the Acme format, a chunked SSE stream.
/// </summary>
internal sealed class FakeUpstream : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly bool _fail;
    private readonly CancellationTokenSource _stop = new();
    private int _requests;

    public FakeUpstream(bool fail)
    {
        _fail = fail;
        _listener.Start();
        _ = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int Requests => Volatile.Read(ref _requests);

    public string? LastBody { get; private set; }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one) == 0)
                {
                    return;
                }
                head.Append((char)one[0]);
            }
            var length = 0;
            foreach (var line in head.ToString().Split("\r\n"))
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(line["Content-Length:".Length..].Trim());
                }
            }
            var body = new byte[length];
            var read = 0;
            while (read < length)
            {
                var n = await stream.ReadAsync(body.AsMemory(read));
                if (n == 0)
                {
                    return;
                }
                read += n;
            }
            LastBody = Encoding.UTF8.GetString(body);
            Interlocked.Increment(ref _requests);

            if (_fail)
            {
                var error = "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}";
                await WriteAsync(stream, $"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(error)}\r\nConnection: close\r\n\r\n{error}");
                return;
            }
            await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            string[] words = ["An API ", "is a contract ", "between programs."];
            foreach (var word in words)
            {
                await ChunkAsync(stream, $"data: {{\"id\":\"s-1\",\"model_name\":\"acme-large\",\"delta\":\"{word}\"}}\n\n");
            }
            await ChunkAsync(stream, "data: {\"id\":\"s-1\",\"model_name\":\"acme-large\",\"final\":true,\"usage\":{\"in\":5,\"out\":7}}\n\n");
            await ChunkAsync(stream, "data: [DONE]\n\n");
            await WriteAsync(stream, "0\r\n\r\n");
        }
    }

    private static async Task ChunkAsync(NetworkStream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await WriteAsync(stream, bytes.Length.ToString("x") + "\r\n");
        await stream.WriteAsync(bytes);
        await WriteAsync(stream, "\r\n");
        await stream.FlushAsync();
    }

    private static async Task WriteAsync(NetworkStream stream, string text) => await stream.WriteAsync(Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
