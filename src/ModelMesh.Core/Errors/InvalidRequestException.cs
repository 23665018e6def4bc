namespace ModelMesh;

/// <summary>What is wrong with a request's field.</summary>
public enum InvalidRequestReason
{
    /// <summary>A required field is missing, null or empty (<c>missing_required_parameter</c>).</summary>
    MissingRequired,
    /// <summary>A list that needs at least one item has none (<c>empty_array</c>).</summary>
    EmptyArray,
    /// <summary>A field holds the wrong kind of value, such as a null message (<c>invalid_type</c>).</summary>
    InvalidType,
    /// <summary>A field's value is out of its range or not one of its allowed values (<c>invalid_value</c>).</summary>
    InvalidValue,
}

/// <summary>
/// A request the mesh refuses before sending it anywhere, because no model would accept it. It is an
/// <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> is the field's JSON path
/// (<c>messages[1].role</c>, <c>temperature</c>), the same path the gateway's 400 names in <c>param</c>.
/// </summary>
public sealed class InvalidRequestException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="detail">What was wrong and what was expected, naming the field.</param>
    /// <param name="param">The field's JSON path.</param>
    /// <param name="reason">What kind of problem it is.</param>
    public InvalidRequestException(string detail, string param, InvalidRequestReason reason)
        : base(detail, param)
    {
        Detail = detail;
        Reason = reason;
    }

    /// <summary>What was wrong, without the parameter suffix <see cref="ArgumentException.Message"/> adds.</summary>
    public string Detail { get; }

    /// <summary>What kind of problem it is.</summary>
    public InvalidRequestReason Reason { get; }
}
