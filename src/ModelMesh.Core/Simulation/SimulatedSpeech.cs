using System.Buffers.Binary;

namespace ModelMesh.Simulation;

/// <summary>
/// <c>POST /v1/audio/speech</c> of the simulated upstream: a soft 440 Hz tone (PCM16 mono 24 kHz, OpenAI's speech
/// sample format) lasting about 50 ms per character of input, from 0.25 s to 5 s; WAV, or raw PCM for <c>pcm</c>.
/// </summary>
internal static class SimulatedSpeech
{
    public const int SampleRate = 24_000;
    private static readonly TimeSpan PerCharacter = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    /// <exception cref="SimulatedRequestException">The request is malformed.</exception>
    public static HttpResponseMessage Respond(ReadOnlyMemory<byte> body)
    {
        using var document = RequestFields.ParseObject(body);
        var root = document.RootElement;
        RequestFields.RequiredString(root, "model");
        var input = RequestFields.RequiredString(root, "input");
        var format = RequestFields.OptionalString(root, "response_format");
        var pcm = Tone(Duration(input.Length));
        return string.Equals(format, "pcm", StringComparison.OrdinalIgnoreCase)
            ? UpstreamResponses.Bytes(pcm, "audio/pcm")
            : UpstreamResponses.Bytes(Wav(pcm), "audio/wav");
    }

    private static TimeSpan Duration(int characters)
    {
        var length = PerCharacter * characters;
        return length < Shortest ? Shortest : length > Longest ? Longest : length;
    }

    /// <summary>Little-endian 16-bit samples of a sine with 10 ms fades, so the tone starts and stops without a click.</summary>
    private static byte[] Tone(TimeSpan duration)
    {
        var samples = (int)(SampleRate * duration.TotalSeconds);
        var fade = SampleRate / 100;
        var pcm = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            var envelope = Math.Min(1.0, Math.Min(i, samples - 1 - i) / (double)fade);
            var value = 0.25 * envelope * Math.Sin(2 * Math.PI * 440 * i / SampleRate);
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), (short)(value * short.MaxValue));
        }
        return pcm;
    }

    /// <summary>The samples with a 44-byte RIFF/WAVE header.</summary>
    private static byte[] Wav(byte[] pcm)
    {
        var wav = new byte[44 + pcm.Length];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + pcm.Length);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);          // fmt chunk size
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);           // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);           // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * 2); // byte rate
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);           // block align
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);          // bits per sample
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], pcm.Length);
        pcm.CopyTo(span[44..]);
        return wav;
    }
}
