namespace ModelMesh.Cdk;

/// <summary>
/// <c>modelmesh.priority-selection.v1</c>: always the most preferred eligible model by <c>model_priority</c>, then
/// <c>provider_priority</c>, then the lowest error rate; it returns to a preferred model as soon as it is eligible.
/// </summary>
public class PrioritySelectionPolicy(RotationPolicyOptions? options = null) : BaseRotationPolicy(options)
{
    /// <inheritdoc/>
    public override string Id => RotationStrategies.PrioritySelection;
}
