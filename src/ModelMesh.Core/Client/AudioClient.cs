using ModelMesh.Routing;

namespace ModelMesh;

/// <summary>The mesh's audio namespace (<c>client.Audio.Speech</c>, <c>client.Audio.Transcriptions</c>), shaped like OpenAI's.</summary>
public sealed class AudioClient
{
    internal AudioClient(MeshClient mesh)
    {
        Speech = new SpeechClient(mesh);
        Transcriptions = new TranscriptionsClient(mesh);
    }

    /// <summary>Text to speech.</summary>
    public SpeechClient Speech { get; }

    /// <summary>Speech to text.</summary>
    public TranscriptionsClient Transcriptions { get; }
}

/// <summary>Text to speech through a pool of models serving <c>text-to-speech</c>.</summary>
public sealed class SpeechClient
{
    private readonly MeshClient _mesh;

    internal SpeechClient(MeshClient mesh) => _mesh = mesh;

    /// <summary>Synthesises speech and returns the audio bytes, failing over between models like chat does.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability (<c>text-to-speech</c>) or model id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RoutingException">No model could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public Task<SpeechResult> CreateAsync(SpeechRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, new RoutingOutcome(), cancellationToken);

    /// <summary>Synthesises speech like <see cref="CreateAsync(SpeechRequest, CancellationToken)"/>; <paramref name="outcome"/> says which model answered.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability (<c>text-to-speech</c>) or model id.</param>
    /// <param name="outcome">Filled with the pool, the answering model and the attempts made (also when the call fails).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RoutingException">No model could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public async Task<SpeechResult> CreateAsync(SpeechRequest request, RoutingOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(outcome);
        if (string.IsNullOrEmpty(request.Input))
        {
            throw new ArgumentException("The speech request has no 'input'.", nameof(request));
        }
        using var lease = await _mesh.AcquireAsync(request.Model, cancellationToken).ConfigureAwait(false);
        var runtime = lease.Runtime;
        var pool = runtime.ResolvePool(request.Model, MeshOperation.Speech);
        outcome.PoolId = pool.Id;
        outcome.RequestedModel = request.Model;
        // Speech is billed by characters; the pricing's input rate is per 1,000 tokens of about four characters.
        var tokens = (int)TokenEstimator.FromCharacters(request.Input.Length);
        var routing = RequestDescriber.Other(pool, MeshOperation.Speech, tokens, outcome);
        return await new Router(runtime).ExecuteAsync(pool, routing, (member, _, token) =>
            member.Provider.SpeechAsync(Copy(request, member.Model.WireModel), token),
            _ => new Router.CallUsage(tokens, 0), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The caller's request with the model's upstream id: a copy, so every field (including ones added later) goes along.</summary>
    private static SpeechRequest Copy(SpeechRequest request, string model)
    {
        var copy = request.Clone();
        copy.Model = model;
        return copy;
    }
}

/// <summary>Speech to text through a pool of models serving <c>speech-to-text</c>.</summary>
public sealed class TranscriptionsClient
{
    private readonly MeshClient _mesh;

    internal TranscriptionsClient(MeshClient mesh) => _mesh = mesh;

    /// <summary>
    /// Transcribes audio, failing over between models. A request whose file is a non-seekable stream can be
    /// sent only once, so it is not retried or failed over; give bytes or a seekable stream for that.
    /// </summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability (<c>speech-to-text</c>) or model id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RoutingException">No model could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public Task<TranscriptionResponse> CreateAsync(TranscriptionRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, new RoutingOutcome(), cancellationToken);

    /// <summary>Transcribes audio like <see cref="CreateAsync(TranscriptionRequest, CancellationToken)"/>; <paramref name="outcome"/> says which model answered.</summary>
    /// <param name="request">The request; <c>Model</c> is a pool id, capability (<c>speech-to-text</c>) or model id.</param>
    /// <param name="outcome">Filled with the pool, the answering model and the attempts made (also when the call fails).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RoutingException">No model could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public async Task<TranscriptionResponse> CreateAsync(TranscriptionRequest request, RoutingOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(outcome);
        using var lease = await _mesh.AcquireAsync(request.Model, cancellationToken).ConfigureAwait(false);
        var runtime = lease.Runtime;
        var pool = runtime.ResolvePool(request.Model, MeshOperation.Transcription);
        outcome.PoolId = pool.Id;
        outcome.RequestedModel = request.Model;
        var routing = RequestDescriber.Other(pool, MeshOperation.Transcription, 0, outcome);
        var sent = false;
        return await new Router(runtime).ExecuteAsync(pool, routing, (member, _, token) =>
        {
            if (sent && request.FileStream is { CanSeek: false })
            {
                throw new InvalidOperationException("The audio stream cannot be read twice; pass the file as bytes or a seekable stream to allow failover.");
            }
            sent = true;
            return member.Provider.TranscribeAsync(Copy(request, member.Model.WireModel), token);
        }, r => new Router.CallUsage(r.Usage?.InputTokens ?? 0, r.Usage?.OutputTokens ?? 0), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The caller's request with the model's upstream id: a copy, so every field (including ones added later) goes along.</summary>
    private static TranscriptionRequest Copy(TranscriptionRequest request, string model)
    {
        var copy = request.Clone();
        copy.Model = model;
        return copy;
    }
}
