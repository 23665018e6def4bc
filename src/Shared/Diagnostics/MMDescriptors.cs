using Microsoft.CodeAnalysis;

namespace ModelMesh.Analysis
{
    /// <summary>
    /// The one table of DESIGN §4.2 diagnostics (ids, severities and rules are a public contract; never reuse or
    /// renumber an id). Linked into the analyzers; each help link is the id's page under docs/diagnostics.
    /// </summary>
    internal static class MMDescriptors
    {
        /// <summary>Where docs/diagnostics/MMxxxx.md is published (one place to change when the repository moves).</summary>
        public const string HelpLinkBase = "https://github.com/modelmesh/modelmesh-dotnet/blob/main/docs/diagnostics/";

        private const string Cdk = "ModelMesh.Cdk";
        private const string Usage = "ModelMesh.Usage";

        public static readonly DiagnosticDescriptor MM1001 = Make("MM1001", "A [Provider] type must be partial",
            "'{0}' has [Provider] but is not partial; the generator cannot add its hooks and registration", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM1002 = Make("MM1002", "A [Provider] type must derive from BaseProvider",
            "'{0}' has [Provider] but does not derive from ModelMesh.Cdk.BaseProvider", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM1003 = Make("MM1003", "Provider id is not lower-case dotted/dashed or is used twice",
            "Provider id '{0}' of '{1}' {2}", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM1004 = Make("MM1004", "BaseUrl is not an absolute http(s) URL",
            "BaseUrl '{0}' of provider '{1}' is not an absolute http or https URL", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM1005 = Make("MM1005", "ApiKeyEnv is not a valid environment variable name",
            "ApiKeyEnv '{0}' of provider '{1}' is not a valid environment variable name (letters, digits and '_', not starting with a digit)", Cdk, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor MM1006 = Make("MM1006", "A [Provider] type must not be generic",
            "'{0}' has [Provider] but {1}; the connector registry must construct it without type arguments", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM1007 = Make("MM1007", "A [Provider] type must be nested only in partial types and not be file-local",
            "'{0}' has [Provider] but {1}", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM2001 = Make("MM2001", "Missing hook",
            "'{0}' overrides BuildRequestPayload with wire record '{1}' but does not override {2}{3}", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM2002 = Make("MM2002", "[HookOverride] method signature does not match its hook",
            "Method '{0}' does not fit hook {1}; expected {2}", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM2003 = Make("MM2003", "The same hook is overridden twice",
            "Hook {0} is already overridden; '{1}' is a second override", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM2004 = Make("MM2004", "A wire record uses a member type the generator cannot serialize",
            "Wire record '{0}' member '{1}' ({2}) cannot be serialized: {3}", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM2005 = Make("MM2005", "[HookOverride] on a method of a type without [Provider]",
            "Method '{0}' has [HookOverride({1})] but '{2}' has no [Provider] attribute; nothing will call it", Cdk, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor MM3001 = Make("MM3001", "Unknown capability path in [ModelInfo]",
            "'{0}' is not a capability path or alias.{1}", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM3002 = Make("MM3002", "Capability names a category, not a leaf",
            "Capability '{0}' of model '{1}' is a category, not a leaf; models register at leaves such as '{2}'", Cdk, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor MM3003 = Make("MM3003", "Duplicate model id within one provider",
            "Model id '{0}' is declared twice by provider '{1}'", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM3004 = Make("MM3004", "Invalid model limits or prices",
            "Model '{0}': {1}", Cdk, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MM3005 = Make("MM3005", "Unknown capability or alias passed to an API that takes one",
            "'{0}' passed to '{1}' is not a capability path or alias.{2}", Usage, DiagnosticSeverity.Error);

        /// <summary>The descriptor for an id of the table, or null.</summary>
        public static DiagnosticDescriptor? Find(string id) => id switch
        {
            "MM1001" => MM1001,
            "MM1002" => MM1002,
            "MM1003" => MM1003,
            "MM1004" => MM1004,
            "MM1005" => MM1005,
            "MM1006" => MM1006,
            "MM1007" => MM1007,
            "MM2001" => MM2001,
            "MM2002" => MM2002,
            "MM2003" => MM2003,
            "MM2004" => MM2004,
            "MM2005" => MM2005,
            "MM3001" => MM3001,
            "MM3002" => MM3002,
            "MM3003" => MM3003,
            "MM3004" => MM3004,
            "MM3005" => MM3005,
            _ => null,
        };

        private static DiagnosticDescriptor Make(string id, string title, string message, string category, DiagnosticSeverity severity) =>
            new DiagnosticDescriptor(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
    }
}
