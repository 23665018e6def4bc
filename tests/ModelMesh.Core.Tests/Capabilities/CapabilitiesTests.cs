using ModelMesh.Taxonomy;

namespace ModelMesh.Core.Tests;

public class CapabilitiesTests
{
    private const string ChatCompletion = "generation.text-generation.chat-completion";

    public static TheoryData<string> Leaves()
    {
        var data = new TheoryData<string>();
        foreach (var leaf in CapabilityData.Leaves)
        {
            data.Add(leaf);
        }
        return data;
    }

    [Theory]
    [InlineData("chat-completion", ChatCompletion)]
    [InlineData("text-to-speech", "generation.audio-generation.text-to-speech")]
    [InlineData("speech-to-text", "understanding.audio-understanding.speech-to-text")]
    [InlineData("translation", "transformation.translation")]
    [InlineData("text-embeddings", "representation.embeddings.text-embeddings")]
    [InlineData("reranking", "retrieval.reranking")]
    public void Short_names_resolve_to_the_documented_path(string name, string expected) =>
        Assert.Equal(expected, ModelMesh.Capabilities.Resolve(name));

    [Theory]
    [InlineData("text-generation", "generation.text-generation")]
    [InlineData("generation", "generation")]
    [InlineData("embeddings", "representation.embeddings")]
    public void Short_names_of_categories_resolve_to_the_category_path(string name, string expected) =>
        Assert.Equal(expected, ModelMesh.Capabilities.Resolve(name));

    [Theory]
    [InlineData(ChatCompletion)]
    [InlineData("generation.text-generation")]
    [InlineData("transformation.image-editing.upscaling")]
    [InlineData("evaluation")]
    public void Full_paths_resolve_to_themselves(string path) =>
        Assert.Equal(path, ModelMesh.Capabilities.Resolve(path));

    [Theory]
    [InlineData("generation.audio.text-to-speech", "generation.audio-generation.text-to-speech")]
    [InlineData("understanding.audio.speech-to-text", "understanding.audio-understanding.speech-to-text")]
    [InlineData("representation.audio.speech-to-text", "understanding.audio-understanding.speech-to-text")]
    [InlineData("generation.image.text-to-image", "generation.image-generation.text-to-image")]
    [InlineData("retrieval.grounded-generation.web-search", "retrieval.search.web-search")]
    [InlineData("retrieval.semantic-search.web-search", "retrieval.search.web-search")]
    [InlineData("understanding.document-understanding.content-extraction", "understanding.document-understanding.document-parsing")]
    [InlineData("representation.image.image-to-text", "understanding.vision-understanding.image-captioning")]
    public void Code_spelling_path_aliases_resolve_to_the_documented_path(string alias, string expected) =>
        Assert.Equal(expected, ModelMesh.Capabilities.Resolve(alias));

    [Theory]
    [InlineData("image-to-text", "understanding.vision-understanding.image-captioning")]
    [InlineData("content-extraction", "understanding.document-understanding.document-parsing")]
    public void Extra_short_names_resolve_to_the_documented_path(string name, string expected) =>
        Assert.Equal(expected, ModelMesh.Capabilities.Resolve(name));

    [Theory]
    [InlineData("CHAT-COMPLETION")]
    [InlineData("Chat-Completion")]
    [InlineData("Generation.Text-Generation.Chat-Completion")]
    [InlineData("GENERATION.TEXT-GENERATION.CHAT-COMPLETION")]
    public void Resolution_is_case_insensitive(string name) =>
        Assert.Equal(ChatCompletion, ModelMesh.Capabilities.Resolve(name));

    [Fact]
    public void Aliases_resolve_case_insensitively() =>
        Assert.Equal("generation.audio-generation.text-to-speech", ModelMesh.Capabilities.Resolve("Generation.Audio.Text-To-Speech"));

    [Fact]
    public void Surrounding_whitespace_is_ignored() =>
        Assert.Equal(ChatCompletion, ModelMesh.Capabilities.Resolve("  chat-completion \t"));

    [Fact]
    public void Misspelled_short_name_throws_with_the_nearest_short_name_suggested()
    {
        var e = Assert.Throws<UnknownCapabilityException>(() => ModelMesh.Capabilities.Resolve("chat-compleshun"));
        Assert.Equal("chat-compleshun", e.Name);
        Assert.Equal("chat-completion", e.Suggestion);
        Assert.Equal("Unknown capability 'chat-compleshun'. Did you mean 'chat-completion'?", e.Message);
    }

    [Fact]
    public void Misspelled_full_path_throws_with_the_full_path_suggested()
    {
        var e = Assert.Throws<UnknownCapabilityException>(() => ModelMesh.Capabilities.Resolve("generation.text-generation.chat-complet"));
        Assert.Equal(ChatCompletion, e.Suggestion);
        Assert.Equal($"Unknown capability 'generation.text-generation.chat-complet'. Did you mean '{ChatCompletion}'?", e.Message);
    }

    [Fact]
    public void Path_with_a_wrong_category_but_known_last_segment_suggests_the_documented_path()
    {
        var e = Assert.Throws<UnknownCapabilityException>(() => ModelMesh.Capabilities.Resolve("generation.chat-completion"));
        Assert.Equal(ChatCompletion, e.Suggestion);
    }

    [Fact]
    public void Name_far_from_every_capability_throws_without_a_suggestion()
    {
        var e = Assert.Throws<UnknownCapabilityException>(() => ModelMesh.Capabilities.Resolve("qqqqqqqqqqqqqqqqqqqq"));
        Assert.Null(e.Suggestion);
        Assert.Equal(
            "Unknown capability 'qqqqqqqqqqqqqqqqqqqq'. Use a path such as 'generation.text-generation.chat-completion' or a short name such as 'chat-completion'; Capabilities.List() shows them all.",
            e.Message);
    }

    [Fact]
    public void Empty_name_throws_unknown_capability() =>
        Assert.Throws<UnknownCapabilityException>(() => ModelMesh.Capabilities.Resolve(""));

    [Fact]
    public void Resolve_of_null_throws_argument_null() =>
        Assert.Throws<ArgumentNullException>(() => ModelMesh.Capabilities.Resolve(null!));

    [Fact]
    public void TryResolve_returns_true_and_the_path_for_a_known_name()
    {
        Assert.True(ModelMesh.Capabilities.TryResolve("Text-To-Speech", out var path));
        Assert.Equal("generation.audio-generation.text-to-speech", path);
    }

    [Theory]
    [InlineData("chat-compleshun")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryResolve_returns_false_and_an_empty_path_for_an_unknown_name(string? name)
    {
        Assert.False(ModelMesh.Capabilities.TryResolve(name, out var path));
        Assert.Equal(string.Empty, path);
    }

    [Fact]
    public void LeavesOf_a_category_lists_its_leaves_in_taxonomy_order() =>
        Assert.Equal(
            [
                "generation.text-generation.chat-completion",
                "generation.text-generation.text-completion",
                "generation.text-generation.code-generation",
            ],
            ModelMesh.Capabilities.LeavesOf("text-generation"));

    [Fact]
    public void LeavesOf_a_top_level_category_includes_leaves_at_different_depths() =>
        Assert.Equal(
            [
                "transformation.translation",
                "transformation.rewriting",
                "transformation.style-transfer",
                "transformation.image-editing.background-removal",
                "transformation.image-editing.upscaling",
                "transformation.image-editing.format-conversion",
                "transformation.audio-processing.noise-reduction",
                "transformation.audio-processing.voice-cloning",
                "transformation.audio-processing.audio-separation",
            ],
            ModelMesh.Capabilities.LeavesOf("transformation"));

    [Fact]
    public void LeavesOf_generation_has_thirteen_leaves() =>
        Assert.Equal(13, ModelMesh.Capabilities.LeavesOf("generation").Count);

    [Fact]
    public void LeavesOf_a_leaf_is_the_leaf_itself() =>
        Assert.Equal([ChatCompletion], ModelMesh.Capabilities.LeavesOf("chat-completion"));

    [Fact]
    public void LeavesOf_an_alias_is_the_documented_leaf() =>
        Assert.Equal(["understanding.audio-understanding.speech-to-text"], ModelMesh.Capabilities.LeavesOf("understanding.audio.speech-to-text"));

    [Fact]
    public void LeavesOf_an_unknown_name_throws() =>
        Assert.Throws<UnknownCapabilityException>(() => ModelMesh.Capabilities.LeavesOf("nonsense-capability-name"));

    [Theory]
    [InlineData("chat-completion", true)]
    [InlineData("transformation.translation", true)]
    [InlineData("generation.audio.text-to-speech", true)]
    [InlineData("generation", false)]
    [InlineData("text-generation", false)]
    [InlineData("representation.embeddings", false)]
    public void IsLeaf_is_true_only_for_leaves(string name, bool expected) =>
        Assert.Equal(expected, ModelMesh.Capabilities.IsLeaf(name));

    [Theory]
    [InlineData("generation", "chat-completion", true)]
    [InlineData("text-generation", ChatCompletion, true)]
    [InlineData("chat-completion", "chat-completion", true)]
    [InlineData("understanding", "generation.audio.text-to-speech", false)]
    [InlineData("understanding", "understanding.audio.speech-to-text", true)]
    [InlineData("image-generation", "chat-completion", false)]
    [InlineData("chat-completion", "generation", false)]
    [InlineData("search", "web-search", true)]
    public void Covers_is_true_when_the_leaf_is_at_or_below_the_node(string node, string leaf, bool expected) =>
        Assert.Equal(expected, ModelMesh.Capabilities.Covers(node, leaf));

    [Fact]
    public void Tree_root_has_the_seven_top_level_categories_in_order()
    {
        var root = ModelMesh.Capabilities.Tree();
        Assert.Equal(string.Empty, root.Path);
        Assert.Equal(string.Empty, root.Name);
        Assert.False(root.IsLeaf);
        Assert.Equal(
            ["generation", "understanding", "transformation", "representation", "retrieval", "interaction", "evaluation"],
            root.Children.Select(c => c.Path));
    }

    [Fact]
    public void Tree_nodes_carry_their_last_segment_as_name_and_leaf_flag()
    {
        var generation = ModelMesh.Capabilities.Tree().Children[0];
        var textGeneration = generation.Children[0];
        var chat = textGeneration.Children[0];
        Assert.Equal(("generation.text-generation", "text-generation", false), (textGeneration.Path, textGeneration.Name, textGeneration.IsLeaf));
        Assert.Equal((ChatCompletion, "chat-completion", true), (chat.Path, chat.Name, chat.IsLeaf));
        Assert.Empty(chat.Children);
    }

    [Fact]
    public void Tree_leaves_are_exactly_the_58_documented_leaves()
    {
        var leaves = new List<string>();
        void Walk(CapabilityNode node)
        {
            if (node.IsLeaf)
            {
                leaves.Add(node.Path);
            }
            foreach (var child in node.Children)
            {
                Walk(child);
            }
        }
        Walk(ModelMesh.Capabilities.Tree());
        Assert.Equal(58, leaves.Count);
        Assert.Equal(CapabilityData.Leaves, leaves);
    }

    [Fact]
    public void Search_for_speech_finds_text_to_speech_and_speech_to_text() =>
        Assert.Equal(
            ["generation.audio-generation.text-to-speech", "understanding.audio-understanding.speech-to-text"],
            ModelMesh.Capabilities.Search("speech").Select(c => c.Path));

    [Fact]
    public void Search_is_case_insensitive_and_matches_alternative_names() =>
        Assert.Equal(
            ["understanding.vision-understanding.image-captioning"],
            ModelMesh.Capabilities.Search("IMAGE-TO-TEXT").Select(c => c.Path));

    [Fact]
    public void Search_with_no_match_is_empty() =>
        Assert.Empty(ModelMesh.Capabilities.Search("zzzz"));

    [Fact]
    public void List_contains_every_leaf_exactly_once()
    {
        var leaves = ModelMesh.Capabilities.List().Where(c => c.IsLeaf).Select(c => c.Path).ToList();
        Assert.Equal(58, leaves.Count);
        Assert.Equal(58, leaves.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(CapabilityData.Leaves.Order(StringComparer.Ordinal), leaves.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void List_includes_categories_with_their_short_names()
    {
        var info = Assert.Single(ModelMesh.Capabilities.List(), c => c.Path == "generation.text-generation");
        Assert.False(info.IsLeaf);
        Assert.Equal(["text-generation"], info.Names);
    }

    [Fact]
    public void List_gives_a_leaf_its_short_name_and_aliases()
    {
        var info = Assert.Single(ModelMesh.Capabilities.List(), c => c.Path == "understanding.audio-understanding.speech-to-text");
        Assert.True(info.IsLeaf);
        Assert.Equal(["speech-to-text", "understanding.audio.speech-to-text", "representation.audio.speech-to-text"], info.Names);
    }

    [Theory]
    [MemberData(nameof(Leaves))]
    public void Every_leaf_last_segment_resolves_back_to_that_leaf(string leaf) =>
        Assert.Equal(leaf, ModelMesh.Capabilities.Resolve(leaf[(leaf.LastIndexOf('.') + 1)..]));

    [Theory]
    [MemberData(nameof(Leaves))]
    public void Every_leaf_is_a_leaf(string leaf) =>
        Assert.True(ModelMesh.Capabilities.IsLeaf(leaf));
}
