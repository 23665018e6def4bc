namespace ModelMesh.Cdk;

/// <summary>
/// The token a hand-written stream enumerator runs with: the call's and the enumeration's (<c>WithCancellation</c>)
/// together, as the compiler's <c>[EnumeratorCancellation]</c> combines them for an async iterator.
/// </summary>
internal static class EnumerationToken
{
    /// <summary>
    /// Either token alone when only one can cancel (or both are the same); otherwise a linked source's token, with
    /// the source in <paramref name="linked"/> for the enumerator to dispose.
    /// </summary>
    public static CancellationToken Combine(CancellationToken callToken, CancellationToken enumerationToken, out CancellationTokenSource? linked)
    {
        if (callToken.CanBeCanceled && enumerationToken.CanBeCanceled && callToken != enumerationToken)
        {
            linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, enumerationToken);
            return linked.Token;
        }
        linked = null;
        return callToken.CanBeCanceled ? callToken : enumerationToken;
    }
}
