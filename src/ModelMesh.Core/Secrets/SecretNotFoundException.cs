namespace ModelMesh.Cdk;

/// <summary>A secret store has no secret of the requested name. The message names the secret, never a value.</summary>
public sealed class SecretNotFoundException : ModelMeshException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="secretName">The name that was looked up.</param>
    /// <param name="storeId">The connector id of the store (for example <c>modelmesh.env.v1</c>).</param>
    /// <param name="where">Where the store looked (for example "environment variable 'MODELMESH_KEY'"), or null.</param>
    public SecretNotFoundException(string secretName, string storeId, string? where = null)
        : base($"Secret '{secretName}' was not found in secret store '{storeId}'{(where is null ? "" : " (" + where + ")")}.")
    {
        SecretName = secretName;
        StoreId = storeId;
    }

    /// <summary>The name that was looked up.</summary>
    public string SecretName { get; }

    /// <summary>The connector id of the store.</summary>
    public string StoreId { get; }
}
