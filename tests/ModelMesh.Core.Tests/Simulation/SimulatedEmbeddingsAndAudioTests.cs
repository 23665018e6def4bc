using System.Buffers.Binary;
using System.Text;

namespace ModelMesh.Core.Tests.Simulation;

public sealed class SimulatedEmbeddingsAndAudioTests
{
    private static double Norm(float[] vector) => Math.Sqrt(vector.Sum(v => (double)v * v));

    [Fact]
    public async Task Embeddings_have_the_requested_dimension_unit_length_and_depend_only_on_the_text()
    {
        using var mesh = SimulatedMesh.Create();

        var response = await mesh.Client.Embeddings.CreateAsync(new EmbeddingRequest { Model = "text-embeddings", Input = EmbeddingInput.FromTexts(["alpha", "beta", "alpha"]), Dimensions = 64 }, SimulatedMesh.Bounded());
        var single = await mesh.Client.Embeddings.CreateAsync(new EmbeddingRequest { Model = "text-embeddings", Input = EmbeddingInput.FromTexts(["alpha"]) }, SimulatedMesh.Bounded());

        Assert.Equal([0, 1, 2], response.Data.Select(d => d.Index));
        Assert.All(response.Data, d => Assert.Equal(64, d.Vector.Values.Length));
        Assert.All(response.Data, d => Assert.Equal(1.0, Norm(d.Vector.Values), 5));
        Assert.Equal(response.Data[0].Vector.Values, response.Data[2].Vector.Values);
        Assert.NotEqual(response.Data[0].Vector.Values, response.Data[1].Vector.Values);
        Assert.Equal(256, single.Data[0].Vector.Values.Length); // the default dimension
        Assert.Equal(3, response.Usage!.PromptTokens);
    }

    [Fact]
    public async Task Base64_embeddings_decode_to_the_same_little_endian_floats()
    {
        using var mesh = SimulatedMesh.Create();
        var asFloats = await mesh.Client.Embeddings.CreateAsync(new EmbeddingRequest { Model = "text-embeddings", Input = EmbeddingInput.FromTexts(["gamma"]), Dimensions = 8 }, SimulatedMesh.Bounded());

        var asBase64 = await mesh.Client.Embeddings.CreateAsync(new EmbeddingRequest { Model = "text-embeddings", Input = EmbeddingInput.FromTexts(["gamma"]), Dimensions = 8, EncodingFormat = "base64" }, SimulatedMesh.Bounded());

        var bytes = Convert.FromBase64String(asBase64.Data[0].Vector.ToBase64());
        Assert.Equal(8 * sizeof(float), bytes.Length);
        var decoded = Enumerable.Range(0, 8).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4))).ToArray();
        Assert.Equal(asFloats.Data[0].Vector.Values, decoded);
        Assert.Equal(1.0, Norm(decoded), 5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8193)]
    public async Task Dimensions_out_of_range_are_a_typed_bad_request_naming_dimensions(int dimensions)
    {
        using var mesh = SimulatedMesh.Create();

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            mesh.Client.Embeddings.CreateAsync(new EmbeddingRequest { Model = "text-embeddings", Input = EmbeddingInput.FromTexts(["x"]), Dimensions = dimensions }, SimulatedMesh.Bounded()));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(ProviderErrorCategory.Client, error.Category);
        Assert.Equal("dimensions", error.Classification.Param);
        Assert.Contains("'dimensions' must be a whole number from 1 to 8192", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speech_is_a_PCM16_mono_24kHz_WAV_whose_length_grows_with_the_input_and_pcm_is_raw()
    {
        using var mesh = SimulatedMesh.Create();
        var speech = mesh.Client.Audio.Speech;

        var shortWav = await speech.CreateAsync(new SpeechRequest { Model = "text-to-speech", Input = "Hello there, this is a test.", Voice = "alloy" }, SimulatedMesh.Bounded());
        var longWav = await speech.CreateAsync(new SpeechRequest { Model = "text-to-speech", Input = new string('a', 60), Voice = "alloy" }, SimulatedMesh.Bounded());
        var capped = await speech.CreateAsync(new SpeechRequest { Model = "text-to-speech", Input = new string('a', 5_000), Voice = "alloy" }, SimulatedMesh.Bounded());
        var pcm = await speech.CreateAsync(new SpeechRequest { Model = "text-to-speech", Input = "Hello there, this is a test.", Voice = "alloy", ResponseFormat = "pcm" }, SimulatedMesh.Bounded());

        Assert.Equal("wav", shortWav.Format);
        Assert.Equal("audio/wav", shortWav.ContentType);
        var wav = shortWav.Audio.ToArray();
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal(wav.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)));
        Assert.Equal("WAVEfmt ", Encoding.ASCII.GetString(wav, 8, 8));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(20)));      // PCM
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22)));      // mono
        Assert.Equal(24_000, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(34)));     // bits
        Assert.Equal("data", Encoding.ASCII.GetString(wav, 36, 4));
        var dataLength = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40));
        Assert.Equal(wav.Length - 44, dataLength);
        Assert.Contains(Enumerable.Range(0, dataLength / 2), i => BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + (i * 2))) != 0); // a tone, not silence
        Assert.True(longWav.Audio.Length > shortWav.Audio.Length);
        Assert.Equal(44 + (5 * 24_000 * 2), capped.Audio.Length); // capped at 5 s
        Assert.Equal("pcm", pcm.Format);
        Assert.Equal(wav.AsSpan(44).ToArray(), pcm.Audio.ToArray());
    }

    [Fact]
    public async Task Transcription_says_how_many_bytes_arrived_as_json_or_text()
    {
        using var mesh = SimulatedMesh.Create();
        var audio = new byte[1234];

        var json = await mesh.Client.Audio.Transcriptions.CreateAsync(new TranscriptionRequest { Model = "speech-to-text", File = audio, FileName = "a.wav" }, SimulatedMesh.Bounded());
        var text = await mesh.Client.Audio.Transcriptions.CreateAsync(new TranscriptionRequest { Model = "speech-to-text", File = audio, FileName = "a.wav", ResponseFormat = "text" }, SimulatedMesh.Bounded());

        Assert.Equal("Simulated transcription of 1234 bytes of audio.", json.Text);
        Assert.Equal("Simulated transcription of 1234 bytes of audio.", text.Text);
    }

    [Fact]
    public async Task Speech_round_trips_through_transcription()
    {
        using var mesh = SimulatedMesh.Create();
        var speech = await mesh.Client.Audio.Speech.CreateAsync(new SpeechRequest { Model = "text-to-speech", Input = "Round trip", Voice = "alloy" }, SimulatedMesh.Bounded());

        var heard = await mesh.Client.Audio.Transcriptions.CreateAsync(new TranscriptionRequest { Model = "speech-to-text", FileStream = speech.OpenRead(), FileName = "speech.wav", FileContentType = "audio/wav" }, SimulatedMesh.Bounded());

        Assert.Equal($"Simulated transcription of {speech.Audio.Length} bytes of audio.", heard.Text);
    }
}
