using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelMesh.Samples.Audio;

/// <summary>
/// A local stand-in for VoxCorp's speech API. It "speaks" a WAV tone whose length follows the text, and tucks the
/// text into a RIFF chunk of its own (<c>vtxt</c>, which audio players skip); its transcriber reads that chunk back.
/// So a round trip through the mesh is checkable without a real speech model.
/// </summary>
internal sealed class VoxEndpoint : IAsyncDisposable
{
    private static readonly string[] s_voices = ["aria", "basil"];

    private readonly WebApplication _app;

    private VoxEndpoint(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The JSON body of the last synthesis request, as the connector wrote it.</summary>
    public string? LastSpeechBody { get; private set; }

    /// <summary>The form fields (without the file) of the last transcription request.</summary>
    public string? LastTranscriptionFields { get; private set; }

    public static async Task<VoxEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new VoxEndpoint(app);
        app.MapPost("/v2/synthesize", endpoint.SynthesizeAsync);
        app.MapPost("/v2/transcribe", endpoint.TranscribeAsync);
        await app.StartAsync();
        endpoint.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return endpoint;
    }

    private async Task SynthesizeAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        LastSpeechBody = await reader.ReadToEndAsync(context.RequestAborted);
        using var request = JsonDocument.Parse(LastSpeechBody);
        var text = request.RootElement.GetProperty("text").GetString() ?? string.Empty;
        var voice = request.RootElement.GetProperty("voice_id").GetString();
        var output = request.RootElement.GetProperty("output");
        if (!s_voices.Contains(voice))
        {
            await ErrorAsync(context, 404, "voice_not_found", $"There is no voice '{voice}'; try {string.Join(" or ", s_voices)}.");
            return;
        }
        if (output.GetProperty("format").GetString() != "wav")
        {
            await ErrorAsync(context, 400, "unsupported_format", "This endpoint speaks wav only.");
            return;
        }
        var speed = output.TryGetProperty("speed", out var s) ? s.GetDouble() : 1.0;
        var sampleRate = output.GetProperty("sample_rate").GetInt32();
        context.Response.ContentType = "audio/wav";
        await context.Response.Body.WriteAsync(Wav(text, sampleRate, TimeSpan.FromMilliseconds(Math.Max(300, 60 * text.Length / speed))), context.RequestAborted);
    }

    private async Task TranscribeAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        LastTranscriptionFields = string.Join(", ", form.Select(f => $"{f.Key}={f.Value}"));
        var file = form.Files.GetFile("file");
        byte[] audio;
        using (var buffer = new MemoryStream())
        {
            if (file is not null)
            {
                await file.CopyToAsync(buffer, context.RequestAborted);
            }
            audio = buffer.ToArray();
        }
        if (!TryRead(audio, out var text, out var duration))
        {
            await ErrorAsync(context, 400, "unreadable_audio", "The file is not a WAV this endpoint made.");
            return;
        }
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var perWord = (int)(duration.TotalMilliseconds / Math.Max(1, words.Length));
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Json(w =>
        {
            w.WriteString("request_id", "vox-" + Guid.NewGuid().ToString("N")[..8]);
            w.WriteStartObject("transcript");
            w.WriteString("text", text);
            w.WriteString("language", form["language"].FirstOrDefault() ?? "en");
            w.WriteNumber("duration_ms", (int)duration.TotalMilliseconds);
            w.WriteStartArray("words");
            for (var i = 0; i < words.Length; i++)
            {
                w.WriteStartObject();
                w.WriteString("word", words[i]);
                w.WriteNumber("start_ms", i * perWord);
                w.WriteNumber("end_ms", (i + 1) * perWord);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteNumber("billed_seconds", Math.Ceiling(duration.TotalSeconds));
        }), context.RequestAborted);
    }

    /// <summary>PCM16 mono: a RIFF/WAVE header, the <c>vtxt</c> chunk with the text, then a soft 220 Hz tone.</summary>
    private static byte[] Wav(string text, int sampleRate, TimeSpan length)
    {
        var textBytes = Encoding.UTF8.GetBytes(text);
        var textChunk = textBytes.Length + (textBytes.Length & 1); // chunks are padded to an even size
        var samples = (int)(sampleRate * length.TotalSeconds);
        var wav = new byte[12 + 24 + 8 + textChunk + 8 + samples * 2];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], wav.Length - 8);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);              // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);              // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2); // bytes per second
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);              // block align
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);             // bits per sample
        "vtxt"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], textBytes.Length);
        textBytes.CopyTo(span[44..]);
        var data = 44 + textChunk;
        "data"u8.CopyTo(span[data..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(data + 4)..], samples * 2);
        for (var i = 0; i < samples; i++)
        {
            var value = 0.2 * Math.Sin(2 * Math.PI * 220 * i / sampleRate);
            BinaryPrimitives.WriteInt16LittleEndian(span[(data + 8 + i * 2)..], (short)(value * short.MaxValue));
        }
        return wav;
    }

    /// <summary>Finds the <c>vtxt</c> text and the length of the audio in a WAV from <see cref="Wav"/>.</summary>
    private static bool TryRead(ReadOnlySpan<byte> wav, out string text, out TimeSpan duration)
    {
        text = string.Empty;
        duration = TimeSpan.Zero;
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            return false;
        }
        var bytesPerSecond = 0;
        var found = false;
        for (var at = 12; at + 8 <= wav.Length;)
        {
            var id = wav.Slice(at, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(wav[(at + 4)..]);
            if (size < 0 || at + 8 + size > wav.Length)
            {
                return false;
            }
            var body = wav.Slice(at + 8, size);
            if (id.SequenceEqual("fmt "u8) && size >= 16)
            {
                bytesPerSecond = BinaryPrimitives.ReadInt32LittleEndian(body[8..]);
            }
            else if (id.SequenceEqual("vtxt"u8))
            {
                text = Encoding.UTF8.GetString(body);
                found = true;
            }
            else if (id.SequenceEqual("data"u8) && bytesPerSecond > 0)
            {
                duration = TimeSpan.FromSeconds(size / (double)bytesPerSecond);
            }
            at += 8 + size + (size & 1);
        }
        return found && duration > TimeSpan.Zero;
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Json(w =>
        {
            w.WriteString("error_code", code);
            w.WriteString("detail", detail);
        }), context.RequestAborted);
    }

    /// <summary>One JSON object written with Utf8JsonWriter (no reflection).</summary>
    private static ReadOnlyMemory<byte> Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
