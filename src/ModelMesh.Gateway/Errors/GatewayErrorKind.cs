namespace ModelMesh.Gateway.Errors;

/// <summary>What class of failure an answer was: the <c>errors_total</c> metric's label and the basis of the status code.</summary>
internal enum GatewayErrorKind
{
    /// <summary>The request was malformed or invalid (400).</summary>
    InvalidRequest,
    /// <summary>The request's model names nothing the mesh serves (404).</summary>
    ModelNotFound,
    /// <summary>No or a wrong bearer token (401).</summary>
    Unauthorized,
    /// <summary>The client sent more requests than its rate allows (429).</summary>
    RateLimited,
    /// <summary>The request body was larger than allowed (413).</summary>
    BodyTooLarge,
    /// <summary>A budget limit would be broken (429).</summary>
    BudgetExceeded,
    /// <summary>The pool has no active model for now (503).</summary>
    NoActiveModel,
    /// <summary>Every upstream attempt failed (502).</summary>
    UpstreamFailed,
    /// <summary>Every upstream attempt timed out, or the request's time ran out (504).</summary>
    UpstreamTimeout,
    /// <summary>The upstream refused the request itself (400: bad parameter, content filter, context length).</summary>
    UpstreamRejected,
    /// <summary>A stream failed after content had been sent (an error event ends the SSE stream).</summary>
    StreamInterrupted,
    /// <summary>A route or method the gateway does not serve (404/405).</summary>
    NotFound,
    /// <summary>A defect of the gateway or the mesh (500).</summary>
    Internal,
}
