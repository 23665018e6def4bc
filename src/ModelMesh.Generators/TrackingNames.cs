namespace ModelMesh.Generators
{
    /// <summary>The names of the generator's tracked incremental steps (tests assert on them).</summary>
    public static class TrackingNames
    {
        /// <summary>[Provider] classes parsed into models.</summary>
        public const string ProviderModels = "ModelMesh.ProviderModels";

        /// <summary>Models turned into generated source text.</summary>
        public const string ProviderSources = "ModelMesh.ProviderSources";
    }
}
