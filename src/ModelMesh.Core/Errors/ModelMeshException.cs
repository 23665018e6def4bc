namespace ModelMesh;

/// <summary>The base of every exception ModelMesh throws. Messages never contain secrets.</summary>
public class ModelMeshException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public ModelMeshException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ModelMeshException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
