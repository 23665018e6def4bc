namespace ModelMesh.Cdk;

/// <summary>A secret store whose secrets can be written, listed and deleted (ModelMesh's <c>SecretManagement</c>).</summary>
public interface ISecretManagement
{
    /// <summary>Stores <paramref name="value"/> under <paramref name="name"/>, replacing any earlier value.</summary>
    void Set(string name, string value);

    /// <summary>The names of the stored secrets (never their values), in ordinal order.</summary>
    IReadOnlyList<string> List();

    /// <summary>Removes a secret; false when there was none of that name.</summary>
    bool Delete(string name);
}
