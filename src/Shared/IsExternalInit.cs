// Polyfill: netstandard2.0 lacks the marker type the compiler needs for `init` accessors and records.
#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
#endif
