// <summary>
// The capability taxonomy as data: the one source of truth for ModelMesh.Core (run time) and
// ModelMesh.Analyzers (compile time, linked into that project), so a path that is wrong at compile
// time is wrong at run time too. Keep this file free of anything but the BCL and C# that compiles
// for netstandard2.0.
// </summary>
namespace ModelMesh.Taxonomy
{
    internal static class CapabilityData
    {
        /// <summary>Every leaf of the documented ModelMesh taxonomy, as full dotted paths.</summary>
        internal static readonly string[] Leaves =
        {
            "generation.text-generation.chat-completion",
            "generation.text-generation.text-completion",
            "generation.text-generation.code-generation",
            "generation.structured-generation.json-generation",
            "generation.structured-generation.schema-constrained-output",
            "generation.structured-generation.function-call-generation",
            "generation.image-generation.text-to-image",
            "generation.image-generation.image-to-image",
            "generation.image-generation.inpainting",
            "generation.audio-generation.text-to-speech",
            "generation.audio-generation.music-generation",
            "generation.video-generation.text-to-video",
            "generation.video-generation.image-to-video",
            "understanding.text-understanding.summarization",
            "understanding.text-understanding.classification",
            "understanding.text-understanding.sentiment-analysis",
            "understanding.text-understanding.entity-extraction",
            "understanding.vision-understanding.image-captioning",
            "understanding.vision-understanding.object-detection",
            "understanding.vision-understanding.ocr",
            "understanding.audio-understanding.speech-to-text",
            "understanding.audio-understanding.speaker-identification",
            "understanding.audio-understanding.audio-classification",
            "understanding.document-understanding.document-parsing",
            "understanding.document-understanding.table-extraction",
            "understanding.document-understanding.form-extraction",
            "transformation.translation",
            "transformation.rewriting",
            "transformation.style-transfer",
            "transformation.image-editing.background-removal",
            "transformation.image-editing.upscaling",
            "transformation.image-editing.format-conversion",
            "transformation.audio-processing.noise-reduction",
            "transformation.audio-processing.voice-cloning",
            "transformation.audio-processing.audio-separation",
            "representation.embeddings.text-embeddings",
            "representation.embeddings.image-embeddings",
            "representation.embeddings.multimodal-embeddings",
            "representation.tokenization",
            "representation.feature-extraction",
            "retrieval.search.semantic-search",
            "retrieval.search.web-search",
            "retrieval.search.image-search",
            "retrieval.search.code-search",
            "retrieval.knowledge-graph.graph-query",
            "retrieval.knowledge-graph.entity-linking",
            "retrieval.knowledge-graph.relation-extraction",
            "retrieval.rag.retrieval-augmented-generation",
            "retrieval.rag.grounded-generation",
            "retrieval.reranking",
            "interaction.tool-calling",
            "interaction.agent-execution.single-step-agent",
            "interaction.agent-execution.multi-step-agent",
            "interaction.multi-turn-conversation",
            "evaluation.content-moderation",
            "evaluation.toxicity-detection",
            "evaluation.factuality-checking",
            "evaluation.quality-scoring",
        };

        /// <summary>
        /// Paths that the reference implementation's code uses where its documentation says otherwise
        /// (modelmesh-reference.md §1.2), mapped to the documented path, so configs written for either work.
        /// Pairs of (alternative spelling, documented path).
        /// </summary>
        internal static readonly string[][] PathAliases =
        {
            new[] { "generation.audio.text-to-speech", "generation.audio-generation.text-to-speech" },
            new[] { "understanding.audio.speech-to-text", "understanding.audio-understanding.speech-to-text" },
            new[] { "representation.audio.speech-to-text", "understanding.audio-understanding.speech-to-text" },
            new[] { "generation.image.text-to-image", "generation.image-generation.text-to-image" },
            new[] { "retrieval.grounded-generation.web-search", "retrieval.search.web-search" },
            new[] { "retrieval.semantic-search.web-search", "retrieval.search.web-search" },
            new[] { "understanding.document-understanding.content-extraction", "understanding.document-understanding.document-parsing" },
            new[] { "representation.image.image-to-text", "understanding.vision-understanding.image-captioning" },
        };

        /// <summary>
        /// Short names beyond the automatic ones (every node's last segment is a short name of that node).
        /// Pairs of (short name, documented path).
        /// </summary>
        internal static readonly string[][] ExtraShortNames =
        {
            new[] { "image-to-text", "understanding.vision-understanding.image-captioning" },
            new[] { "content-extraction", "understanding.document-understanding.document-parsing" },
        };
    }
}
