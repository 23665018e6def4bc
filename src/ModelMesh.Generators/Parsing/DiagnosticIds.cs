namespace ModelMesh.Generators.Parsing
{
    /// <summary>The DESIGN §4.2 diagnostic ids the parser can produce (as plain data; see <see cref="Emit.Descriptors"/>).</summary>
    internal static class DiagnosticIds
    {
        public const string NotPartial = "MM1001";
        public const string NotAProvider = "MM1002";
        public const string BadSignature = "MM2002";
        public const string DuplicateHook = "MM2003";
        public const string UnsupportedMember = "MM2004";
        public const string UnknownCapability = "MM3001";
    }
}
