// Tutorial 10: audio provider development — a text-to-speech and speech-to-text connector with the CDK.
//
// VoxProvider ([Provider("vox.speech.v1")]) maps ModelMesh's SpeechRequest / TranscriptionResponse to VoxCorp's own
// wire records; its two catalogue models serve generation.audio.text-to-speech and understanding.audio.speech-to-text.
// A config file names the connector and two pools, as the guide's YAML does, and the requests go through
// client.Audio.Speech and client.Audio.Transcriptions like chat goes through client.Chat. The sample starts a local
// stand-in for VoxCorp's API (VoxEndpoint), so it needs no key and no network.
using ModelMesh;
using ModelMesh.Cdk;
using ModelMesh.Samples.Audio;

await using var vox = await VoxEndpoint.StartAsync();
var connector = ConnectorRegistry.Get(VoxProvider.ConnectorId);
Console.WriteLine($"registered: {connector.Id} -> {string.Join(", ", connector.Catalogue.Select(m => $"{m.Id} ({string.Join(", ", m.Capabilities)})"))}");

var config = Path.Combine(Path.GetTempPath(), $"vox-{Environment.ProcessId}.yaml");
File.WriteAllText(config, $$"""
    providers:
      vox:
        connector: vox.speech.v1
        config: { api_key: "vox-key", base_url: "{{vox.BaseUrl}}" }
    pools:
      tts:
        capability: generation.audio.text-to-speech
        strategy: modelmesh.stick-until-failure.v1
      stt:
        capability: understanding.audio.speech-to-text
        strategy: modelmesh.priority-selection.v1
    """);
try
{
    using var mesh = Mesh.FromConfig(config, new MeshConfigOptions { ReloadOnChange = false });
    Console.WriteLine($"pools: {string.Join(", ", mesh.PoolStatus().Select(p => $"{p.PoolId} -> {string.Join(", ", p.Models.Select(m => m.ModelId))}"))}");

    // Text to speech: the pool "tts" picks vox.vox-tts-1, whose upstream name "vox-tts-1" goes on the wire.
    var spoken = new RoutingOutcome();
    var speech = await mesh.Audio.Speech.CreateAsync(new SpeechRequest
    {
        Model = "tts",
        Input = "Hello from ModelMesh, in a voice of its own.",
        Voice = "aria",
        ResponseFormat = "wav",
        Speed = 1.25,
    }, spoken);
    Console.WriteLine($"speech: {speech.Audio.Length} bytes of {speech.Format} ({speech.ContentType}) from {spoken.ModelId}");
    Console.WriteLine($"  sent: {vox.LastSpeechBody}");

    // Speech to text: the audio just made goes back as a multipart upload (the CDK's default request body).
    var heard = new RoutingOutcome();
    var transcript = await mesh.Audio.Transcriptions.CreateAsync(new TranscriptionRequest
    {
        Model = "stt",
        File = speech.Audio,
        FileName = "hello.wav",
        FileContentType = speech.ContentType,
        Language = "en",
    }, heard);
    Console.WriteLine($"transcription: \"{transcript.Text}\" ({transcript.Language}, {transcript.Duration:0.00} s, {transcript.Words?.Count} words, billed {transcript.Usage?.Seconds} s) from {heard.ModelId}");
    Console.WriteLine($"  sent: {vox.LastTranscriptionFields}");
    if (transcript.Words is [var first, ..])
    {
        Console.WriteLine($"  first word: \"{first.Word}\" {first.Start:0.00}-{first.End:0.00} s");
    }

    // A Vox error body, classified by the connector's ClassifyError hook: a client error, not retried on the model.
    // (A 404 may mean "not at this provider", so the mesh would try another model; the pool has no other.)
    try
    {
        await mesh.Audio.Speech.CreateAsync(new SpeechRequest { Model = "tts", Input = "Anyone there?", Voice = "nobody", ResponseFormat = "wav" });
        Console.WriteLine("error: the unknown voice was accepted");
        return 1;
    }
    catch (AllProvidersExhaustedException exhausted) when (exhausted.Attempts is [{ Error: ProviderException e }])
    {
        Console.WriteLine($"error: voice 'nobody' -> {e.Category}, {(e.IsRetryable ? "retryable" : "not retryable")}, code {e.ErrorCode}, HTTP {e.StatusCode}, 1 attempt");
    }
}
finally
{
    File.Delete(config);
}
return 0;
