namespace ModelMesh.Generators.Parsing
{
    /// <summary>
    /// The DESIGN §4.2 diagnostic ids the parser can produce (as plain data). The analyzers turn them into diagnostics
    /// with the shared descriptor table; the generator only uses them to refuse emission on an error.
    /// </summary>
    internal static class DiagnosticIds
    {
        public const string NotPartial = "MM1001";
        public const string NotAProvider = "MM1002";
        public const string BadProviderId = "MM1003";
        public const string BadBaseUrl = "MM1004";
        public const string BadApiKeyEnv = "MM1005";
        public const string GenericProvider = "MM1006";
        public const string UnreachableDeclaration = "MM1007";
        public const string MissingHook = "MM2001";
        public const string BadSignature = "MM2002";
        public const string DuplicateHook = "MM2003";
        public const string UnsupportedMember = "MM2004";
        public const string HookOutsideProvider = "MM2005";
        public const string UnknownCapability = "MM3001";
        public const string CategoryCapability = "MM3002";
        public const string DuplicateModel = "MM3003";
        public const string BadLimits = "MM3004";
        public const string UnknownCapabilityArgument = "MM3005";

        /// <summary>The ids of the table whose severity is warning (they never block emission).</summary>
        public static bool IsWarning(string id) => id == BadApiKeyEnv || id == HookOutsideProvider || id == CategoryCapability;
    }
}
