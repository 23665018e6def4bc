namespace ModelMesh.Core.Tests.Simulation;

public sealed class SimulatedChatTests
{
    [Fact]
    public async Task A_whole_answer_quotes_the_prompt_says_it_is_simulated_and_counts_usage()
    {
        using var mesh = SimulatedMesh.Create();

        var reply = await mesh.Client.Chat.Completions.CreateAsync(SimulatedMesh.Chat("What is an API?"), SimulatedMesh.Bounded());

        var text = reply.Choices[0].Message.Content!;
        Assert.StartsWith("Simulated answer to \"What is an API?\": ", text, StringComparison.Ordinal);
        Assert.Contains("built-in simulated provider", text, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", text, StringComparison.Ordinal);
        Assert.Contains("--config", text, StringComparison.Ordinal);
        Assert.Equal("stop", reply.Choices[0].FinishReason);
        Assert.Equal("chat", reply.Model); // the upstream echoes the model it was sent
        Assert.StartsWith("chatcmpl-sim-", reply.Id, StringComparison.Ordinal);
        Assert.Equal(text.Split(' ').Length, reply.Usage!.CompletionTokens);
        Assert.Equal(Math.Max(1, "What is an API?".Length / 4), reply.Usage.PromptTokens);
        Assert.Equal(reply.Usage.PromptTokens + reply.Usage.CompletionTokens, reply.Usage.TotalTokens);
    }

    [Fact]
    public async Task The_same_request_gets_the_same_answer_and_id_and_another_prompt_another()
    {
        using var mesh = SimulatedMesh.Create();
        var chat = mesh.Client.Chat.Completions;

        var first = await chat.CreateAsync(SimulatedMesh.Chat("Tell me about routing."), SimulatedMesh.Bounded());
        var second = await chat.CreateAsync(SimulatedMesh.Chat("Tell me about routing."), SimulatedMesh.Bounded());
        var other = await chat.CreateAsync(SimulatedMesh.Chat("Something else"), SimulatedMesh.Bounded());

        Assert.Equal(first.Choices[0].Message.Content, second.Choices[0].Message.Content);
        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Choices[0].Message.Content, other.Choices[0].Message.Content);
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public async Task A_long_prompt_is_quoted_to_80_characters_on_one_line()
    {
        using var mesh = SimulatedMesh.Create();
        var prompt = "line one\n\n" + new string('x', 200);

        var reply = await mesh.Client.Chat.Completions.CreateAsync(SimulatedMesh.Chat(prompt), SimulatedMesh.Bounded());

        var expectedQuote = ("line one " + new string('x', 200))[..80] + "…";
        Assert.StartsWith($"Simulated answer to \"{expectedQuote}\": ", reply.Choices[0].Message.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_delivers_one_word_a_chunk_that_join_to_the_whole_answer_then_usage()
    {
        using var mesh = SimulatedMesh.Create();
        var whole = await mesh.Client.Chat.Completions.CreateAsync(SimulatedMesh.Chat("Stream this"), SimulatedMesh.Bounded());
        var request = SimulatedMesh.Chat("Stream this");
        request.StreamOptions = new StreamOptions { IncludeUsage = true };

        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in mesh.Client.Chat.Completions.StreamAsync(request, SimulatedMesh.Bounded()))
        {
            chunks.Add(chunk);
        }

        var words = chunks.SelectMany(c => c.Choices).Select(c => c.Delta.Content).Where(t => !string.IsNullOrEmpty(t)).ToList();
        var expected = whole.Choices[0].Message.Content!;
        Assert.Equal(expected.Split(' ').Length, words.Count);
        Assert.All(words.SkipLast(1), w => Assert.Matches(@"^\S+ $", w));
        Assert.Equal(expected, string.Concat(words));
        Assert.Equal("stop", chunks.SelectMany(c => c.Choices).Single(c => c.FinishReason is not null).FinishReason);
        var usage = chunks.Last(c => c.Usage is not null);
        Assert.Empty(usage.Choices);
        Assert.Equal(words.Count, usage.Usage!.CompletionTokens);
    }

    [Fact]
    public async Task Max_tokens_cuts_the_answer_at_that_many_words_with_finish_reason_length()
    {
        using var mesh = SimulatedMesh.Create();
        var request = SimulatedMesh.Chat("Be brief");
        request.MaxTokens = 3;

        var reply = await mesh.Client.Chat.Completions.CreateAsync(request, SimulatedMesh.Bounded());

        Assert.Equal("Simulated answer to", reply.Choices[0].Message.Content);
        Assert.Equal("length", reply.Choices[0].FinishReason);
        Assert.Equal(3, reply.Usage!.CompletionTokens);

        var streamed = SimulatedMesh.Chat("Be brief");
        streamed.MaxCompletionTokens = 2;
        var text = string.Empty;
        string? finish = null;
        await foreach (var chunk in mesh.Client.Chat.Completions.StreamAsync(streamed, SimulatedMesh.Bounded()))
        {
            text += string.Concat(chunk.Choices.Select(c => c.Delta.Content));
            finish ??= chunk.Choices.FirstOrDefault(c => c.FinishReason is not null)?.FinishReason;
        }
        Assert.Equal("Simulated answer", text);
        Assert.Equal("length", finish);
    }

    [Fact]
    public async Task With_tools_the_answer_is_a_call_to_the_chosen_or_first_function_and_after_the_tool_it_quotes_the_result()
    {
        using var mesh = SimulatedMesh.Create();
        var chat = mesh.Client.Chat.Completions;
        ChatTool[] tools = [ChatTool.CreateFunction("get_weather"), ChatTool.CreateFunction("get_time")];
        var request = new ChatCompletionRequest { Model = "chat-completion", Messages = [ChatMessage.User("Weather in Paris?")], Tools = tools };

        var call = await chat.CreateAsync(request, SimulatedMesh.Bounded());

        Assert.Equal("tool_calls", call.Choices[0].FinishReason);
        var toolCall = Assert.Single(call.Choices[0].Message.ToolCalls!);
        Assert.Equal("get_weather", toolCall.Function.Name);
        Assert.Equal("{}", toolCall.Function.Arguments);
        Assert.StartsWith("call_sim_", toolCall.Id, StringComparison.Ordinal);

        request.ToolChoice = ToolChoice.Function("get_time");
        var chosen = await chat.CreateAsync(request, SimulatedMesh.Bounded());
        Assert.Equal("get_time", chosen.Choices[0].Message.ToolCalls![0].Function.Name);

        request.ToolChoice = ToolChoice.None;
        var none = await chat.CreateAsync(request, SimulatedMesh.Bounded());
        Assert.Null(none.Choices[0].Message.ToolCalls);
        Assert.StartsWith("Simulated answer to", none.Choices[0].Message.Content, StringComparison.Ordinal);

        var followUp = new ChatCompletionRequest
        {
            Model = "chat-completion",
            Tools = tools,
            Messages = [ChatMessage.User("Weather in Paris?"), ChatMessage.Assistant(null, [toolCall]), ChatMessage.Tool(toolCall.Id, "{\"temp_c\": 21, \"sky\": \"clear\"}")],
        };
        var after = await chat.CreateAsync(followUp, SimulatedMesh.Bounded());
        Assert.Equal("stop", after.Choices[0].FinishReason);
        Assert.StartsWith("Simulated answer after the tool call: the tool returned \"{\"temp_c\": 21, \"sky\": \"clear\"}\".", after.Choices[0].Message.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_tool_call_arrives_as_deltas_the_accumulated_call_names_the_function()
    {
        using var mesh = SimulatedMesh.Create();
        var request = new ChatCompletionRequest { Model = "chat-completion", Messages = [ChatMessage.User("Weather?")], Tools = [ChatTool.CreateFunction("get_weather")] };

        var deltas = new List<ChatToolCallDelta>();
        string? finish = null;
        await foreach (var chunk in mesh.Client.Chat.Completions.StreamAsync(request, SimulatedMesh.Bounded()))
        {
            deltas.AddRange(chunk.Choices.SelectMany(c => c.Delta.ToolCalls ?? []));
            finish ??= chunk.Choices.FirstOrDefault(c => c.FinishReason is not null)?.FinishReason;
        }

        Assert.Equal(2, deltas.Count);
        Assert.All(deltas, d => Assert.Equal(0, d.Index));
        Assert.StartsWith("call_sim_", deltas[0].Id, StringComparison.Ordinal);
        Assert.Equal("function", deltas[0].Type);
        Assert.Equal("get_weather", deltas[0].Function!.Name);
        Assert.Null(deltas[1].Id);
        Assert.Equal("{}", string.Concat(deltas.Select(d => d.Function?.Arguments)));
        Assert.Equal("tool_calls", finish);
    }

    [Fact]
    public async Task N_asks_for_that_many_choices()
    {
        using var mesh = SimulatedMesh.Create();
        var request = SimulatedMesh.Chat("Two please");
        request.N = 2;

        var reply = await mesh.Client.Chat.Completions.CreateAsync(request, SimulatedMesh.Bounded());

        Assert.Equal([0, 1], reply.Choices.Select(c => c.Index));
        Assert.Equal(reply.Choices[0].Message.Content, reply.Choices[1].Message.Content);
        Assert.Equal(2 * reply.Choices[0].Message.Content!.Split(' ').Length, reply.Usage!.CompletionTokens);
    }

    [Fact]
    public async Task The_models_list_names_the_simulated_models_and_pools()
    {
        using var mesh = SimulatedMesh.Create();

        var models = await mesh.Client.Models.ListAsync(SimulatedMesh.Bounded());

        Assert.Equal(
            ["chat-completion", "text-embeddings", "text-to-speech", "speech-to-text", "simulated.chat", "simulated.embed", "simulated.tts", "simulated.stt"],
            models.Data.Select(m => m.Id));
        Assert.All(models.Data.Skip(4), m => Assert.Equal("simulated", m.OwnedBy));
    }
}
