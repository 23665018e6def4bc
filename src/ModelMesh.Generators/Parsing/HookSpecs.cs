using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelMesh.Generators.Model;

namespace ModelMesh.Generators.Parsing
{
    /// <summary>The method shapes a [HookOverride] method may have, per hook (the contract of HookOverrideAttribute).</summary>
    internal static class HookSpecs
    {
        internal enum Shape
        {
            Headers,
            Endpoint,
            Build,
            Parse,
            Stream,
            Classify,
            SpeechParse,
            Content,
        }

        internal sealed class Spec
        {
            public Spec(string name, Shape shape, string? request, string? result, string expected)
            {
                Name = name;
                Shape = shape;
                Request = request;
                Result = result;
                Expected = expected;
            }

            public string Name { get; }
            public Shape Shape { get; }
            public string? Request { get; }
            public string? Result { get; }
            public string Expected { get; }
        }

        private const string Chat = "ModelMesh.ChatCompletionRequest";
        private const string Embedding = "ModelMesh.EmbeddingRequest";
        private const string Speech = "ModelMesh.SpeechRequest";
        private const string Transcription = "ModelMesh.TranscriptionRequest";
        private const string Rerank = "ModelMesh.RerankRequest";
        private const string Search = "ModelMesh.SearchRequest";
        private const string Scrape = "ModelMesh.ScrapeRequest";

        private static readonly SymbolDisplayFormat Plain = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        private static readonly Dictionary<string, Spec> Specs = new Dictionary<string, Spec>
        {
            ["BuildHeaders"] = new Spec("BuildHeaders", Shape.Headers, null, null, "void M(HttpRequestHeaders)"),
            ["GetCompletionEndpoint"] = new Spec("GetCompletionEndpoint", Shape.Endpoint, Chat, null, "string M() or string M(ChatCompletionRequest)"),
            ["BuildRequestPayload"] = new Spec("BuildRequestPayload", Shape.Build, Chat, null, "TWire M(ChatCompletionRequest) or void M(Utf8JsonWriter, ChatCompletionRequest)"),
            ["ParseResponse"] = new Spec("ParseResponse", Shape.Parse, null, "ModelMesh.ChatCompletion", "ChatCompletion M(TWire) or ChatCompletion M(ReadOnlyMemory<byte>)"),
            ["ParseStreamChunk"] = new Spec("ParseStreamChunk", Shape.Stream, null, "ModelMesh.ChatCompletionChunk", "ChatCompletionChunk? M(TWire), ChatCompletionChunk? M(SseEvent), or Exception M(TWire) for an error event, each optionally with a second parameter TState (a non-abstract class with a parameterless constructor, the same for every method of the provider)"),
            ["ClassifyError"] = new Spec("ClassifyError", Shape.Classify, null, "ModelMesh.ErrorClassification", "ErrorClassification M(ProviderError), ErrorClassification? M(ProviderError) or ErrorClassification? M(TWire)"),
            ["GetEmbeddingsEndpoint"] = new Spec("GetEmbeddingsEndpoint", Shape.Endpoint, Embedding, null, "string M() or string M(EmbeddingRequest)"),
            ["BuildEmbeddingsPayload"] = new Spec("BuildEmbeddingsPayload", Shape.Build, Embedding, null, "TWire M(EmbeddingRequest) or void M(Utf8JsonWriter, EmbeddingRequest)"),
            ["ParseEmbeddingsResponse"] = new Spec("ParseEmbeddingsResponse", Shape.Parse, Embedding, "ModelMesh.EmbeddingResponse", "EmbeddingResponse M(TWire) or EmbeddingResponse M(TWire, EmbeddingRequest)"),
            ["GetModelsEndpoint"] = new Spec("GetModelsEndpoint", Shape.Endpoint, null, null, "string M()"),
            ["ParseModelsResponse"] = new Spec("ParseModelsResponse", Shape.Parse, null, "ModelMesh.ModelList", "ModelList M(TWire)"),
            ["GetSpeechEndpoint"] = new Spec("GetSpeechEndpoint", Shape.Endpoint, Speech, null, "string M() or string M(SpeechRequest)"),
            ["BuildSpeechPayload"] = new Spec("BuildSpeechPayload", Shape.Build, Speech, null, "TWire M(SpeechRequest) or void M(Utf8JsonWriter, SpeechRequest)"),
            ["ParseSpeechResponse"] = new Spec("ParseSpeechResponse", Shape.SpeechParse, Speech, "ModelMesh.SpeechResult", "SpeechResult M(ReadOnlyMemory<byte>, string?, SpeechRequest), SpeechResult M(TWire) or SpeechResult M(TWire, SpeechRequest)"),
            ["GetTranscriptionEndpoint"] = new Spec("GetTranscriptionEndpoint", Shape.Endpoint, Transcription, null, "string M() or string M(TranscriptionRequest)"),
            ["BuildTranscriptionContent"] = new Spec("BuildTranscriptionContent", Shape.Content, Transcription, "System.Net.Http.HttpContent", "HttpContent M(TranscriptionRequest)"),
            // Audio bodies that are not JSON (issue 12).
            ["BuildSpeechContent"] = new Spec("BuildSpeechContent", Shape.Content, Speech, "System.Net.Http.HttpContent", "HttpContent M(SpeechRequest)"),
            ["ParseTranscriptionResponse"] = new Spec("ParseTranscriptionResponse", Shape.Parse, Transcription, "ModelMesh.TranscriptionResponse", "TranscriptionResponse M(TWire) or TranscriptionResponse M(TWire, TranscriptionRequest)"),
            // Reranking and web search.
            ["GetRerankEndpoint"] = new Spec("GetRerankEndpoint", Shape.Endpoint, Rerank, null, "string M() or string M(RerankRequest)"),
            ["BuildRerankPayload"] = new Spec("BuildRerankPayload", Shape.Build, Rerank, null, "TWire M(RerankRequest) or void M(Utf8JsonWriter, RerankRequest)"),
            ["ParseRerankResponse"] = new Spec("ParseRerankResponse", Shape.Parse, Rerank, "ModelMesh.RerankResponse", "RerankResponse M(TWire) or RerankResponse M(TWire, RerankRequest)"),
            ["GetSearchEndpoint"] = new Spec("GetSearchEndpoint", Shape.Endpoint, Search, null, "string M() or string M(SearchRequest)"),
            ["BuildSearchPayload"] = new Spec("BuildSearchPayload", Shape.Build, Search, null, "TWire M(SearchRequest) or void M(Utf8JsonWriter, SearchRequest)"),
            ["ParseSearchResponse"] = new Spec("ParseSearchResponse", Shape.Parse, Search, "ModelMesh.SearchResponse", "SearchResponse M(TWire) or SearchResponse M(TWire, SearchRequest)"),
            // Reading web pages (issue 12). GetScrapeMethod is an endpoint-shaped hook that returns the HTTP method.
            ["GetScrapeEndpoint"] = new Spec("GetScrapeEndpoint", Shape.Endpoint, Scrape, null, "string M() or string M(ScrapeRequest)"),
            ["GetScrapeMethod"] = new Spec("GetScrapeMethod", Shape.Endpoint, Scrape, "System.Net.Http.HttpMethod", "HttpMethod M() or HttpMethod M(ScrapeRequest)"),
            ["BuildScrapePayload"] = new Spec("BuildScrapePayload", Shape.Build, Scrape, null, "TWire M(ScrapeRequest) or void M(Utf8JsonWriter, ScrapeRequest)"),
            ["ParseScrapeResponse"] = new Spec("ParseScrapeResponse", Shape.Parse, Scrape, "ModelMesh.ScrapeResponse", "ScrapeResponse M(TWire) or ScrapeResponse M(TWire, ScrapeRequest)"),
        };

        public static bool TryGet(string hook, out Spec spec) => Specs.TryGetValue(hook, out spec!);

        /// <summary>The hook model for <paramref name="method"/>, or null when its signature fits no shape of the hook.</summary>
        public static HookModel? Match(Spec spec, IMethodSymbol method, string? eventName, WireTypeParser wire)
        {
            if (method.IsGenericMethod || (eventName != null && spec.Shape != Shape.Stream))
            {
                return null;
            }
            var parameters = method.Parameters;
            var returns = Name(method.ReturnType);
            var nullableReturn = method.ReturnType.NullableAnnotation == NullableAnnotation.Annotated;
            HookModel Make(HookInput input, string? inputWire = null, string? outputWire = null, bool passesRequest = false, bool returnsException = false, string? stateType = null) =>
                new HookModel(spec.Name, method.Name, input, inputWire, outputWire, passesRequest, returnsException, nullableReturn, eventName, stateType);

            switch (spec.Shape)
            {
                case Shape.Headers:
                    return method.ReturnsVoid && parameters.Length == 1 && Name(parameters[0].Type) == "System.Net.Http.Headers.HttpRequestHeaders"
                        ? Make(HookInput.Raw) : null;

                case Shape.Endpoint:
                    if (returns != (spec.Result ?? "string"))
                    {
                        return null;
                    }
                    if (parameters.Length == 0)
                    {
                        return Make(HookInput.None);
                    }
                    return spec.Request != null && parameters.Length == 1 && Name(parameters[0].Type) == spec.Request ? Make(HookInput.Request) : null;

                case Shape.Build:
                    if (method.ReturnsVoid)
                    {
                        return parameters.Length == 2 && Name(parameters[0].Type) == "System.Text.Json.Utf8JsonWriter" && Name(parameters[1].Type) == spec.Request
                            ? Make(HookInput.Raw) : null;
                    }
                    if (parameters.Length != 1 || Name(parameters[0].Type) != spec.Request || !wire.IsCandidate(method.ReturnType))
                    {
                        return null;
                    }
                    return Make(HookInput.Request, outputWire: wire.AddRoot(method.ReturnType, read: false, write: true, method.Locations));

                case Shape.Parse:
                    {
                        if (returns != spec.Result || parameters.Length == 0 || parameters.Length > 2)
                        {
                            return null;
                        }
                        var passesRequest = false;
                        if (parameters.Length == 2)
                        {
                            if (spec.Request == null || Name(parameters[1].Type) != spec.Request)
                            {
                                return null;
                            }
                            passesRequest = true;
                        }
                        if (Name(parameters[0].Type) == "System.ReadOnlyMemory<byte>")
                        {
                            return Make(HookInput.Raw, passesRequest: passesRequest);
                        }
                        return wire.IsCandidate(parameters[0].Type)
                            ? Make(HookInput.Wire, inputWire: wire.AddRoot(parameters[0].Type, read: true, write: false, method.Locations), passesRequest: passesRequest)
                            : null;
                    }

                case Shape.Stream:
                    {
                        var returnsException = IsException(method.ReturnType);
                        if ((returns != spec.Result && !returnsException) || parameters.Length is < 1 or > 2)
                        {
                            return null;
                        }
                        string? stateType = null;
                        if (parameters.Length == 2)
                        {
                            if (!IsStreamState(parameters[1]))
                            {
                                return null;
                            }
                            stateType = parameters[1].Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                        }
                        if (Name(parameters[0].Type) == "ModelMesh.Cdk.SseEvent")
                        {
                            return Make(HookInput.Raw, returnsException: returnsException, stateType: stateType);
                        }
                        return wire.IsCandidate(parameters[0].Type)
                            ? Make(HookInput.Wire, inputWire: wire.AddRoot(parameters[0].Type, read: true, write: false, method.Locations), returnsException: returnsException, stateType: stateType)
                            : null;
                    }

                case Shape.Classify:
                    if (returns != spec.Result || parameters.Length != 1)
                    {
                        return null;
                    }
                    if (Name(parameters[0].Type) == "ModelMesh.Cdk.ProviderError")
                    {
                        return Make(HookInput.Raw);
                    }
                    return wire.IsCandidate(parameters[0].Type)
                        ? Make(HookInput.Wire, inputWire: wire.AddRoot(parameters[0].Type, read: true, write: false, method.Locations))
                        : null;

                case Shape.SpeechParse:
                    if (returns != spec.Result)
                    {
                        return null;
                    }
                    if (parameters.Length == 3)
                    {
                        return Name(parameters[0].Type) == "System.ReadOnlyMemory<byte>" && Name(parameters[1].Type) == "string" && Name(parameters[2].Type) == spec.Request
                            ? Make(HookInput.Raw) : null;
                    }
                    // The wire form, for audio inside JSON (base64): the body read as a record, optionally with the request.
                    if (parameters.Length is < 1 or > 2 || (parameters.Length == 2 && Name(parameters[1].Type) != spec.Request) || !wire.IsCandidate(parameters[0].Type))
                    {
                        return null;
                    }
                    return Make(HookInput.Wire, inputWire: wire.AddRoot(parameters[0].Type, read: true, write: false, method.Locations), passesRequest: parameters.Length == 2);

                case Shape.Content:
                    return IsOrDerives(method.ReturnType, "System.Net.Http.HttpContent") && parameters.Length == 1 && Name(parameters[0].Type) == spec.Request
                        ? Make(HookInput.Request) : null;
            }
            return null;
        }

        internal static string Name(ITypeSymbol type) => type.ToDisplayString(Plain);

        /// <summary>
        /// Whether a parameter can take a stream's state: passed by value, of a non-abstract, non-generic class the
        /// generated <c>CreateStreamState</c> can construct (a parameterless constructor that is not private).
        /// </summary>
        private static bool IsStreamState(IParameterSymbol parameter) =>
            parameter.RefKind == RefKind.None
            && parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, IsStatic: false, IsGenericType: false } state
            && state.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility != Accessibility.Private);

        private static bool IsException(ITypeSymbol type) => IsOrDerives(type, "System.Exception");

        private static bool IsOrDerives(ITypeSymbol type, string name)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (Name(current) == name)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
