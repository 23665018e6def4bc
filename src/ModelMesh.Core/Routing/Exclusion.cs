using System.Globalization;

namespace ModelMesh.Routing;

/// <summary>
/// Why a candidate was excluded: a reason code for decisions, and the few values needed to put it in words
/// (<see cref="Describe"/>), which happens only for errors and <c>Explain</c>.
/// </summary>
internal readonly record struct Exclusion(ExclusionReason Reason)
{
    public DeactivationReason? Deactivation { get; init; }

    public DateTimeOffset? Until { get; init; }

    public string? Operation { get; init; }

    public ModelFeatures Missing { get; init; }

    public long Requested { get; init; }

    public long Limit { get; init; }

    public long Prompt { get; init; }

    public BudgetExceededException? Refusal { get; init; }

    private static readonly (ModelFeatures Feature, string Name)[] FeatureNames =
    [
        (ModelFeatures.Tools, "tool calling"),
        (ModelFeatures.Vision, "image input"),
        (ModelFeatures.JsonSchema, "JSON schema output"),
        (ModelFeatures.JsonMode, "JSON mode"),
        (ModelFeatures.Streaming, "streaming"),
        (ModelFeatures.AudioInput, "audio input"),
        (ModelFeatures.SystemPrompt, "system prompts"),
        (ModelFeatures.Reasoning, "reasoning effort"),
    ];

    public string Describe() => Reason switch
    {
        ExclusionReason.Standby => $"on standby ({Deactivation}){(Until is DateTimeOffset at ? " until " + at.ToString("u", CultureInfo.InvariantCulture) : string.Empty)}",
        ExclusionReason.AlreadyTried => "already failed for this request",
        ExclusionReason.WrongOperation => $"does not serve {Operation}",
        ExclusionReason.MissingFeature => "does not support " + NamesOf(Missing),
        ExclusionReason.OutputTooLarge => string.Create(CultureInfo.InvariantCulture, $"{Requested} output tokens requested, the model's maximum is {Limit}"),
        ExclusionReason.ContextWindowTooSmall => string.Create(CultureInfo.InvariantCulture,
            $"about {Prompt} prompt tokens{(Requested > 0 ? $" plus {Requested} output tokens" : string.Empty)} exceed its context window of {Limit}"),
        ExclusionReason.ContextWindowNotLarger => string.Create(CultureInfo.InvariantCulture,
            $"its context window ({Requested}) is not larger than that of a model that rejected the prompt as too long ({Limit})"),
        ExclusionReason.Budget => string.Create(CultureInfo.InvariantCulture, $"would exceed the {Refusal?.LimitType} budget (${Refusal?.Actual} of ${Refusal?.Limit})"),
        ExclusionReason.WouldBeDeactivated => $"would be deactivated ({Deactivation})",
        _ => Reason.ToString(),
    };

    public override string ToString() => Describe();

    private static string NamesOf(ModelFeatures missing) => string.Join(", ", FeatureNames.Where(f => missing.HasFlag(f.Feature)).Select(f => f.Name));
}
