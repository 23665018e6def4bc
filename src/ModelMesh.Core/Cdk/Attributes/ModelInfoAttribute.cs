namespace ModelMesh.Cdk;

/// <summary>
/// A model the provider offers out of the box; the generator puts it in the connector's catalogue. Repeat it
/// for each model. Prices are <c>double</c> because attributes cannot take <c>decimal</c>; the catalogue holds
/// them as <c>decimal</c>. Zero means "not set" for the limits.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ModelInfoAttribute : Attribute
{
    /// <summary>Declares a model.</summary>
    /// <param name="id">The upstream model name (the catalogue id is <c>vendor.id</c>).</param>
    /// <param name="capabilities">Capability paths or aliases the model serves (checked at compile time).</param>
    public ModelInfoAttribute(string id, params string[] capabilities)
    {
        Id = id;
        Capabilities = capabilities;
    }

    /// <summary>
    /// The model name: the catalogue id is <c>vendor.Id</c>, and the name sent upstream unless
    /// <see cref="UpstreamName"/> says otherwise.
    /// </summary>
    public string Id { get; }

    /// <summary>
    /// The name sent upstream when it is not <see cref="Id"/>: an id that reads well in configs and routing
    /// (<c>meta-llama-3.3-70b-instruct-turbo</c>) for an upstream name that does not
    /// (<c>meta-llama/Llama-3.3-70B-Instruct-Turbo</c>). Null or empty: <see cref="Id"/>.
    /// </summary>
    public string? UpstreamName { get; set; }

    /// <summary>The capability paths or aliases the model serves.</summary>
    public IReadOnlyList<string> Capabilities { get; }

    /// <summary>Largest prompt plus completion, in tokens; 0 when unknown.</summary>
    public int ContextWindow { get; set; }

    /// <summary>Largest completion, in tokens; 0 when unknown.</summary>
    public int MaxOutputTokens { get; set; }

    /// <summary>Dollars per 1,000 prompt tokens.</summary>
    public double InputPricePer1K { get; set; }

    /// <summary>Dollars per 1,000 completion tokens.</summary>
    public double OutputPricePer1K { get; set; }

    /// <summary>Dollars per request regardless of tokens.</summary>
    public double PricePerRequest { get; set; }

    /// <summary>Optional features the model supports.</summary>
    public ModelFeatures Features { get; set; }
}
