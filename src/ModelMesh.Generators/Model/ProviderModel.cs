namespace ModelMesh.Generators.Model
{
    /// <summary>Everything the emitter needs about one [Provider] class, as plain values (no Roslyn objects).</summary>
    internal sealed record ProviderModel(
        string Namespace,
        EquatableArray<ContainingTypeModel> ContainingTypes,
        string Name,
        string FullName,
        string Accessibility,
        bool IsSealed,
        bool HasOptionsConstructor,
        bool CanRegister,
        EquatableArray<string> HiddenMembers,
        string ConnectorId,
        string Vendor,
        string? BaseUrl,
        string? ApiKeyEnv,
        int StreamFormat,
        string? EndEvent,
        EquatableArray<CatalogueModel> Models,
        EquatableArray<HookModel> Hooks,
        EquatableArray<WireTypeModel> WireTypes,
        string WireClassAccessibility,
        EquatableArray<DiagnosticInfo> Diagnostics,
        EquatableArray<string> SettingKeys = default)
    {
        /// <summary>Whether emission is blocked by an error the author must fix first.</summary>
        public bool HasErrors
        {
            get
            {
                foreach (var diagnostic in Diagnostics)
                {
                    if (diagnostic.IsError)
                    {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /// <summary>A type that contains the provider (the provider is nested in it).</summary>
    internal sealed record ContainingTypeModel(string Keyword, string Name);

    /// <summary>One [ModelInfo]: the catalogue entry.</summary>
    internal sealed record CatalogueModel(
        string Id,
        EquatableArray<string> Capabilities,
        int? ContextWindow,
        int? MaxOutputTokens,
        string? InputPrice,
        string? OutputPrice,
        string? PerRequestPrice,
        int? Features,
        string? UpstreamName);

    /// <summary>How a hook method takes its input.</summary>
    internal enum HookInput
    {
        /// <summary>No parameter.</summary>
        None,
        /// <summary>The hook's own argument(s), passed through as they are.</summary>
        Raw,
        /// <summary>The body (or event data) read as a wire record.</summary>
        Wire,
        /// <summary>The hook's request argument (endpoint and payload hooks).</summary>
        Request,
    }

    /// <summary>
    /// One [HookOverride] method and how the generated override calls it. <see cref="StateType"/>: the per-stream state
    /// class a ParseStreamChunk method takes as its second parameter (fully qualified), or null.
    /// </summary>
    internal sealed record HookModel(
        string Hook,
        string MethodName,
        HookInput Input,
        string? InputWireType,
        string? OutputWireType,
        bool PassesRequest,
        bool ReturnsException,
        bool ReturnsNullable,
        string? Event,
        string? StateType = null);

    /// <summary>A wire record the generator reads and/or writes.</summary>
    internal sealed record WireTypeModel(
        string FullName,
        string MethodSuffix,
        bool IsRecord,
        bool IsValueType,
        bool Read,
        bool Write,
        EquatableArray<WireMemberModel> Members);

    /// <summary>One JSON property of a wire record.</summary>
    internal sealed record WireMemberModel(
        string Name,
        string JsonName,
        TypeRefModel Type,
        bool IsRequired,
        int ConstructorIndex,
        string? ConstructorDefault,
        bool CanRead,
        bool IsInitOnly,
        bool IsRequiredKeyword,
        bool IsExtensionData = false);

    /// <summary>The kinds of member type the generator serializes.</summary>
    internal enum WireKind
    {
        String,
        Boolean,
        Number,
        SmallNumber,
        Enum,
        Object,
        Array,
        List,
        Dictionary,
        JsonElement,
        /// <summary>A value written as a JSON string with a dedicated writer overload (DateTime, DateTimeOffset, Guid).</summary>
        StringValue,
    }

    /// <summary>A member type: its kind, full name and (for collections) element type.</summary>
    internal sealed record TypeRefModel(
        WireKind Kind,
        string FullName,
        bool IsNullable,
        bool IsNullableValueType,
        string? Reader,
        bool EnumAsString,
        EquatableArray<string> EnumNames,
        TypeRefModel? Element,
        string? CollectionConstruction);

    /// <summary>A diagnostic as plain data: id, message arguments and location (file, span, lines).</summary>
    internal sealed record DiagnosticInfo(
        string Id,
        bool IsError,
        EquatableArray<string> Arguments,
        string? FilePath,
        int Start,
        int Length,
        int StartLine,
        int StartColumn,
        int EndLine,
        int EndColumn);
}
