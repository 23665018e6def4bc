namespace ModelMesh.Cdk;

/// <summary>The model a rotation policy chose, with its score and the reason in words.</summary>
/// <param name="Model">The chosen model's state.</param>
/// <param name="Score">The score the policy gave it.</param>
/// <param name="Reason">Why it was chosen (for <c>Explain</c> and logs).</param>
public sealed record SelectionResult(ModelState Model, double Score, string Reason);
