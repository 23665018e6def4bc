using System.Text.Json;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.AI;

/// <summary>
/// The mesh as an M.E.AI <see cref="Meai.IEmbeddingGenerator{TInput, TEmbedding}"/> of float embeddings: every call is
/// routed like <see cref="EmbeddingsClient.CreateAsync(EmbeddingRequest, RoutingOutcome, CancellationToken)"/>.
/// Create one with <see cref="MeshClient.AsIEmbeddingGenerator"/>.
/// </summary>
/// <remarks>
/// <see cref="Meai.EmbeddingGenerationOptions.ModelId"/> names the pool, capability, alias or model (default: the
/// generator's default model), <see cref="Meai.EmbeddingGenerationOptions.Dimensions"/> goes as <c>dimensions</c>,
/// and <see cref="Meai.EmbeddingGenerationOptions.AdditionalProperties"/> go on the wire (JSON elements, strings,
/// booleans and numbers; see <see cref="Meai.AIJsonUtilities"/> for others). A <see cref="EmbeddingRequest"/>
/// returned by <see cref="Meai.EmbeddingGenerationOptions.RawRepresentationFactory"/> is the starting point.
/// Disposing it does nothing: the <see cref="MeshClient"/> belongs to whoever created it.
/// </remarks>
public sealed class MeshEmbeddingGenerator : Meai.IEmbeddingGenerator<string, Meai.Embedding<float>>
{
    private readonly MeshClient _mesh;
    private readonly string? _defaultModel;
    private readonly Meai.EmbeddingGeneratorMetadata _metadata;

    /// <summary>Creates an embedding generator over <paramref name="mesh"/>.</summary>
    /// <param name="mesh">The mesh to route through.</param>
    /// <param name="defaultModel">The pool, capability, alias or model used when a call's options name none.</param>
    public MeshEmbeddingGenerator(MeshClient mesh, string? defaultModel = null)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        _mesh = mesh;
        _defaultModel = defaultModel;
        _metadata = new Meai.EmbeddingGeneratorMetadata(MeshMetadata.ProviderName, null, defaultModel);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">No values, no model named, or a property cannot be sent.</exception>
    /// <exception cref="RoutingException">No model could answer.</exception>
    /// <exception cref="BudgetExceededException">The request would break a budget limit.</exception>
    public async Task<Meai.GeneratedEmbeddings<Meai.Embedding<float>>> GenerateAsync(IEnumerable<string> values, Meai.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.ToArray();
        var request = options?.RawRepresentationFactory?.Invoke(this) is EmbeddingRequest raw ? raw.Clone() : new EmbeddingRequest();
        request.Input = EmbeddingInput.FromTexts(inputs);
        if (string.IsNullOrEmpty(request.Model))
        {
            request.Model = options?.ModelId is { Length: > 0 } named ? named
                : _defaultModel is { Length: > 0 } ? _defaultModel
                : throw new ArgumentException("No model to ask: set EmbeddingGenerationOptions.ModelId or give AsIEmbeddingGenerator a default model.", nameof(options));
        }
        request.Dimensions ??= options?.Dimensions;
        if (options?.AdditionalProperties is { Count: > 0 } extra)
        {
            request.AdditionalProperties ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var (name, value) in extra)
            {
                try
                {
                    request.AdditionalProperties.TryAdd(name, JsonValues.ToElement(value, jsonShapedOnly: true));
                }
                catch (NotSupportedException error)
                {
                    throw new ArgumentException($"EmbeddingGenerationOptions.AdditionalProperties['{name}'] is a {value?.GetType().Name} that is not a JSON value; pass a JsonElement, JsonNode, string, bool, number, or a list or dictionary of them.", nameof(options), error);
                }
            }
        }
        var outcome = new RoutingOutcome();
        var response = await _mesh.Embeddings.CreateAsync(request, outcome, cancellationToken).ConfigureAwait(false);
        var modelId = outcome.ModelId ?? response.Model;
        var embeddings = new Meai.GeneratedEmbeddings<Meai.Embedding<float>>(response.Data.Count)
        {
            Usage = response.Usage is { } usage
                ? new Meai.UsageDetails { InputTokenCount = usage.PromptTokens, TotalTokenCount = usage.TotalTokens }
                : null,
        };
        foreach (var item in response.Data.OrderBy(d => d.Index))
        {
            embeddings.Add(new Meai.Embedding<float>(item.Vector.Values) { ModelId = modelId });
        }
        return embeddings;
    }

    /// <inheritdoc/>
    /// <remarks>Answers <see cref="Meai.EmbeddingGeneratorMetadata"/> (provider <c>modelmesh</c>), <see cref="MeshClient"/> and this generator, for a null key.</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(Meai.EmbeddingGeneratorMetadata) ? _metadata
            : serviceType == typeof(MeshClient) ? _mesh
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Does nothing: the mesh client is not owned by this adapter.</summary>
    public void Dispose()
    {
    }
}
