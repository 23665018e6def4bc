namespace ModelMesh.Cdk;

/// <summary>
/// Marks a method of a <see cref="ProviderAttribute"/> class as the implementation of one
/// <see cref="ProviderHook"/>. The generator emits the hook's override, which calls the method; hooks without
/// such a method keep the <see cref="BaseProvider"/> default (no override is emitted for them).
/// </summary>
/// <remarks>
/// <para>The method may be static or an instance method (use an instance method to read <c>Options</c>) and
/// have any accessibility. <c>TWire</c> is a wire record: a class or record (positional or with settable/init
/// properties) whose JSON the generator reads or writes with <c>Utf8JsonReader</c>/<c>Utf8JsonWriter</c>.
/// Accepted signatures:</para>
/// <list type="table">
/// <listheader><term>hook</term><description>method shapes</description></listheader>
/// <item><term>BuildHeaders</term><description><c>void M(HttpRequestHeaders)</c>; runs after the default headers, so it can add, replace or remove them.</description></item>
/// <item><term>GetCompletionEndpoint</term><description><c>string M()</c> or <c>string M(ChatCompletionRequest)</c>.</description></item>
/// <item><term>BuildRequestPayload</term><description><c>TWire M(ChatCompletionRequest)</c> (the record is written as the body), or <c>void M(Utf8JsonWriter, ChatCompletionRequest)</c>.</description></item>
/// <item><term>ParseResponse</term><description><c>ChatCompletion M(TWire)</c> (the body is read as the record), or <c>ChatCompletion M(ReadOnlyMemory&lt;byte&gt;)</c>.</description></item>
/// <item><term>ParseStreamChunk</term><description><c>ChatCompletionChunk? M(TWire)</c> for the data of each event (null skips it), or
/// <c>ChatCompletionChunk? M(SseEvent)</c>. With <see cref="Event"/> set, only SSE events of that <c>event:</c> type go to the
/// method (one method per event type; other named events are skipped). A method for an error event may instead return
/// an <c>Exception</c>, which is thrown (and classified by <c>ClassifyError</c>); an <c>error</c> event with no method is an
/// in-band error. A method without <see cref="Event"/> receives the events no named method takes. Each shape may take a second
/// parameter of a state class of your own (a parameterless constructor, the same type for every such method): one instance per
/// stream, shared by that stream's events only (<c>BaseProvider.CreateStreamState</c>).</description></item>
/// <item><term>ClassifyError</term><description><c>ErrorClassification M(ProviderError)</c>; <c>ErrorClassification? M(ProviderError)</c>
/// (null falls back to the default classifier); or <c>ErrorClassification? M(TWire)</c>, given the error body read as the record
/// (a body that is empty or not that record, or a null result, falls back to the default).</description></item>
/// <item><term>GetEmbeddingsEndpoint</term><description><c>string M()</c> or <c>string M(EmbeddingRequest)</c>.</description></item>
/// <item><term>BuildEmbeddingsPayload</term><description><c>TWire M(EmbeddingRequest)</c> or <c>void M(Utf8JsonWriter, EmbeddingRequest)</c>.</description></item>
/// <item><term>ParseEmbeddingsResponse</term><description><c>EmbeddingResponse M(TWire)</c> or <c>EmbeddingResponse M(TWire, EmbeddingRequest)</c>.</description></item>
/// <item><term>GetModelsEndpoint</term><description><c>string M()</c>.</description></item>
/// <item><term>ParseModelsResponse</term><description><c>ModelList M(TWire)</c>.</description></item>
/// <item><term>GetSpeechEndpoint</term><description><c>string M()</c> or <c>string M(SpeechRequest)</c>.</description></item>
/// <item><term>BuildSpeechPayload</term><description><c>TWire M(SpeechRequest)</c> or <c>void M(Utf8JsonWriter, SpeechRequest)</c>.</description></item>
/// <item><term>ParseSpeechResponse</term><description><c>SpeechResult M(ReadOnlyMemory&lt;byte&gt; body, string? contentType, SpeechRequest request)</c> (audio is not JSON).</description></item>
/// <item><term>GetTranscriptionEndpoint</term><description><c>string M()</c> or <c>string M(TranscriptionRequest)</c>.</description></item>
/// <item><term>BuildTranscriptionContent</term><description><c>HttpContent M(TranscriptionRequest)</c>.</description></item>
/// <item><term>ParseTranscriptionResponse</term><description><c>TranscriptionResponse M(TWire)</c> or <c>TranscriptionResponse M(TWire, TranscriptionRequest)</c>.</description></item>
/// <item><term>GetRerankEndpoint</term><description><c>string M()</c> or <c>string M(RerankRequest)</c>.</description></item>
/// <item><term>BuildRerankPayload</term><description><c>TWire M(RerankRequest)</c> or <c>void M(Utf8JsonWriter, RerankRequest)</c>.</description></item>
/// <item><term>ParseRerankResponse</term><description><c>RerankResponse M(TWire)</c> or <c>RerankResponse M(TWire, RerankRequest)</c>.</description></item>
/// <item><term>GetSearchEndpoint</term><description><c>string M()</c> or <c>string M(SearchRequest)</c>.</description></item>
/// <item><term>BuildSearchPayload</term><description><c>TWire M(SearchRequest)</c> or <c>void M(Utf8JsonWriter, SearchRequest)</c>.</description></item>
/// <item><term>ParseSearchResponse</term><description><c>SearchResponse M(TWire)</c> or <c>SearchResponse M(TWire, SearchRequest)</c>.</description></item>
/// <item><term>GetScrapeEndpoint</term><description><c>string M()</c> or <c>string M(ScrapeRequest)</c>.</description></item>
/// <item><term>GetScrapeMethod</term><description><c>HttpMethod M()</c> or <c>HttpMethod M(ScrapeRequest)</c>.</description></item>
/// <item><term>BuildScrapePayload</term><description><c>TWire M(ScrapeRequest)</c> or <c>void M(Utf8JsonWriter, ScrapeRequest)</c>.</description></item>
/// <item><term>ParseScrapeResponse</term><description><c>ScrapeResponse M(TWire)</c> or <c>ScrapeResponse M(TWire, ScrapeRequest)</c>.</description></item>
/// </list>
/// <para>Every <c>TWire</c> parameter may also be <c>ReadOnlyMemory&lt;byte&gt;</c> to receive the raw body. See docs/cdk/hooks.md.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class HookOverrideAttribute : Attribute
{
    /// <summary>Declares the method as the implementation of <paramref name="hook"/>.</summary>
    /// <param name="hook">The hook.</param>
    public HookOverrideAttribute(ProviderHook hook)
    {
        Hook = hook;
    }

    /// <summary>The hook the method implements.</summary>
    public ProviderHook Hook { get; }

    /// <summary>For <see cref="ProviderHook.ParseStreamChunk"/>: the SSE <c>event:</c> type the method handles (null: unnamed events).</summary>
    public string? Event { get; set; }
}
