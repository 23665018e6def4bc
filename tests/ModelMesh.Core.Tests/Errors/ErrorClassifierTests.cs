using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests;

public class ErrorClassifierTests
{
    private static readonly DateTimeOffset Now = new(2025, 5, 3, 2, 2, 55, TimeSpan.Zero);

    private static ErrorClassification Classify(
        int? status,
        string body = "",
        Exception? exception = null,
        bool inBand = false,
        (string Name, string Value)[]? headers = null)
    {
        headers ??= [];
        using var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            Assert.True(response.Headers.TryAddWithoutValidation(name, value)); // as received: unvalidated
        }
        var error = new ProviderError(status, headers.Length == 0 ? null : response.Headers, Encoding.UTF8.GetBytes(body), exception, inBand);
        return DefaultErrorClassifier.Classify(error, Now);
    }

    private static ErrorClassification ClassifyCapture(int status, string capture, params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            response.Headers.Add(name, value);
        }
        var error = new ProviderError(status, response.Headers, ConformanceCaptures.ReadBytes(capture), null, inBand: false);
        return DefaultErrorClassifier.Classify(error, Now);
    }

    private static string OpenAiError(string message, string? code = null, string type = "invalid_request_error") =>
        JsonSerializer.Serialize(new ErrorResponse { Error = new ErrorDetail { Message = message, Type = type, Code = code } }, ModelMeshJson.ErrorResponse);

    // ---- by status ----

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public void Unauthorized_and_forbidden_are_authentication_and_not_retryable(int status)
    {
        var c = Classify(status, OpenAiError("Incorrect API key provided.", "invalid_api_key"));
        Assert.Equal((ProviderErrorCategory.Authentication, false), (c.Category, c.IsRetryable));
    }

    [Fact]
    public void Too_many_requests_is_a_retryable_rate_limit()
    {
        var c = Classify(429, OpenAiError("Rate limit reached.", "rate_limit_exceeded", "requests"));
        Assert.Equal((ProviderErrorCategory.RateLimit, true), (c.Category, c.IsRetryable));
        Assert.Equal("rate_limit_exceeded", c.Code);
    }

    [Fact]
    public void Too_many_requests_with_insufficient_quota_is_quota_exhausted_and_not_retryable()
    {
        var c = Classify(429, OpenAiError("You exceeded your current quota.", "insufficient_quota", "insufficient_quota"));
        Assert.Equal((ProviderErrorCategory.QuotaExhausted, false), (c.Category, c.IsRetryable));
    }

    [Fact]
    public void Payment_required_is_quota_exhausted() =>
        Assert.Equal(ProviderErrorCategory.QuotaExhausted, Classify(402).Category);

    [Fact]
    public void Bad_request_with_context_length_code_is_context_length_exceeded()
    {
        var c = Classify(400, OpenAiError("Too long.", "context_length_exceeded"));
        Assert.Equal((ProviderErrorCategory.ContextLengthExceeded, false), (c.Category, c.IsRetryable));
        Assert.Equal("context_length_exceeded", c.Code);
    }

    [Fact]
    public void Bad_request_whose_message_mentions_maximum_context_length_is_context_length_exceeded() =>
        Assert.Equal(
            ProviderErrorCategory.ContextLengthExceeded,
            Classify(400, OpenAiError("This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.")).Category);

    [Fact]
    public void Anthropic_prompt_is_too_long_is_context_length_exceeded() =>
        Assert.Equal(
            ProviderErrorCategory.ContextLengthExceeded,
            Classify(400, """{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}""").Category);

    [Fact]
    public void Bad_request_with_content_filter_code_is_content_filter()
    {
        var c = Classify(400, OpenAiError("The response was filtered.", "content_filter"));
        Assert.Equal((ProviderErrorCategory.ContentFilter, false), (c.Category, c.IsRetryable));
    }

    [Fact]
    public void Azure_content_management_policy_message_is_content_filter() =>
        Assert.Equal(
            ProviderErrorCategory.ContentFilter,
            Classify(400, OpenAiError("The response was filtered due to the prompt triggering Azure OpenAI's content management policy.")).Category);

    [Fact]
    public void Azure_responsible_ai_inner_error_code_is_content_filter_whatever_the_outer_code_and_message()
    {
        // Azure's image and some chat filters answer with their own outer code; the inner code is the stable one.
        var c = Classify(400, """{"error":{"code":"contentFilter","message":"Your task failed as a result of our safety system.","innererror":{"code":"ResponsibleAIPolicyViolation"}}}""");

        Assert.Equal((ProviderErrorCategory.ContentFilter, false), (c.Category, c.IsRetryable));
        Assert.Equal("contentFilter", c.Code);
    }

    [Fact]
    public void Plain_bad_request_is_a_client_error_and_not_retryable()
    {
        var c = ClassifyCapture(400, "openai/error-400.json");
        Assert.Equal((ProviderErrorCategory.Client, false), (c.Category, c.IsRetryable));
        Assert.Equal(("invalid_function_parameters", "invalid_request_error", "tools[0].function.parameters"), (c.Code, c.Type, c.Param));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(529)]
    public void Server_statuses_are_retryable_server_errors(int status)
    {
        var c = Classify(status, OpenAiError("Something broke.", type: "server_error"));
        Assert.Equal((ProviderErrorCategory.Server, true), (c.Category, c.IsRetryable));
    }

    [Theory]
    [InlineData(504)]
    [InlineData(408)]
    public void Gateway_timeout_and_request_timeout_are_retryable_timeouts(int status)
    {
        var c = Classify(status);
        Assert.Equal((ProviderErrorCategory.Timeout, true), (c.Category, c.IsRetryable));
    }

    [Fact]
    public void Not_found_is_a_client_error_and_not_retryable()
    {
        var c = Classify(404, OpenAiError("The model 'gpt-9' does not exist.", "model_not_found"));
        Assert.Equal((ProviderErrorCategory.Client, false), (c.Category, c.IsRetryable));
    }

    [Fact]
    public void Conflict_is_a_retryable_client_error()
    {
        var c = Classify(409);
        Assert.Equal((ProviderErrorCategory.Client, true), (c.Category, c.IsRetryable));
    }

    [Fact]
    public void Body_that_is_not_json_still_classifies_by_status()
    {
        var c = Classify(503, "<html>Service Unavailable</html>");
        Assert.Equal((ProviderErrorCategory.Server, true), (c.Category, c.IsRetryable));
        Assert.Null(c.Message);
        Assert.Null(c.Code);
    }

    // ---- retry delay ----

    [Fact]
    public void Retry_after_in_seconds_is_read() =>
        Assert.Equal(TimeSpan.FromSeconds(7), Classify(429, headers: [("Retry-After", "7")]).RetryAfter);

    [Fact]
    public void Retry_after_as_an_http_date_is_the_time_until_then()
    {
        var date = Now.AddSeconds(30).ToString("r", CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromSeconds(30), Classify(429, headers: [("Retry-After", date)]).RetryAfter);
    }

    [Fact]
    public void Retry_after_as_an_http_date_in_the_past_is_zero()
    {
        var date = Now.AddSeconds(-30).ToString("r", CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, Classify(429, headers: [("Retry-After", date)]).RetryAfter);
    }

    [Fact]
    public void Retry_after_ms_wins_over_retry_after() =>
        Assert.Equal(TimeSpan.FromMilliseconds(250), Classify(429, headers: [("Retry-After", "7"), ("retry-after-ms", "250")]).RetryAfter);

    [Fact]
    public void Retry_after_header_wins_over_the_message() =>
        Assert.Equal(TimeSpan.FromSeconds(2), Classify(429, OpenAiError("Please try again in 120ms."), headers: [("Retry-After", "2")]).RetryAfter);

    [Fact]
    public void No_retry_hint_leaves_retry_after_null() =>
        Assert.Null(Classify(429, OpenAiError("Slow down.")).RetryAfter);

    // ---- hostile retry delays: never a crash, a long rest at most ----

    [Theory]
    [InlineData("1e12")]
    [InlineData("Infinity")]
    [InlineData("300000000000")]
    [InlineData("922337203685477580700000")]
    [InlineData("1e400")]
    [InlineData("86401")]
    public void Retry_after_beyond_the_maximum_is_clamped_to_it(string value) =>
        Assert.Equal(DefaultErrorClassifier.MaxRetryAfter, Classify(429, headers: [("Retry-After", value)]).RetryAfter);

    [Theory]
    [InlineData("NaN")]
    [InlineData("-5")]
    [InlineData("-Infinity")]
    [InlineData("soon")]
    public void Retry_after_that_is_not_a_wait_is_ignored(string value) =>
        Assert.Null(Classify(429, headers: [("Retry-After", value)]).RetryAfter);

    [Theory]
    [InlineData("Infinity")]
    [InlineData("1e300")]
    [InlineData("9223372036854775807")]
    public void Retry_after_ms_beyond_the_maximum_is_clamped_to_it(string value) =>
        Assert.Equal(DefaultErrorClassifier.MaxRetryAfter, Classify(429, headers: [("retry-after-ms", value)]).RetryAfter);

    [Theory]
    [InlineData("NaN")]
    [InlineData("-1")]
    public void Retry_after_ms_that_is_not_a_wait_falls_back_to_retry_after(string value) =>
        Assert.Equal(TimeSpan.FromSeconds(3), Classify(429, headers: [("retry-after-ms", value), ("Retry-After", "3")]).RetryAfter);

    [Fact]
    public void Retry_after_as_a_far_future_http_date_is_clamped() =>
        Assert.Equal(DefaultErrorClassifier.MaxRetryAfter, Classify(429, headers: [("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")]).RetryAfter);

    [Theory]
    [InlineData("1e12s", 86_400_000.0)]
    [InlineData("Infinitys", 86_400_000.0)]
    [InlineData("99999999999999999999999s", 86_400_000.0)]
    [InlineData("NaNs", null)]
    [InlineData("-3s", null)]
    public void Retry_info_delay_is_clamped_or_ignored(string delay, double? expectedMs)
    {
        var body = "{\"error\":{\"code\":429,\"message\":\"slow\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + delay + "\"}]}}";
        Assert.Equal(expectedMs is double ms ? TimeSpan.FromMilliseconds(ms) : null, Classify(429, body).RetryAfter);
    }

    [Theory]
    [InlineData("Please try again in 99999999999h.")]
    [InlineData("Please try again in 9999999999999999999999999999999999999999s.")]
    [InlineData("Please try again in 9999999999h9999999999m9999999999s.")]
    [InlineData("Please try again in 25h.")]
    public void Try_again_in_beyond_the_maximum_is_clamped_to_it(string message) =>
        Assert.Equal(DefaultErrorClassifier.MaxRetryAfter, Classify(429, OpenAiError(message, "rate_limit_exceeded")).RetryAfter);

    [Fact]
    public void Retry_after_at_the_maximum_is_kept() =>
        Assert.Equal(TimeSpan.FromHours(24), Classify(429, headers: [("Retry-After", "86400")]).RetryAfter);

    [Fact]
    public void X_should_retry_false_is_kept_as_the_hint_and_makes_the_exception_not_retryable()
    {
        var c = Classify(500, headers: [("x-should-retry", "false")]);
        Assert.Equal((ProviderErrorCategory.Server, true, (bool?)false), (c.Category, c.IsRetryable, c.RetryHint));
        var e = ProviderException.Create("p", "m", 500, c);
        Assert.Equal((false, true), (e.IsRetryable, e.IsRetryableIgnoringHint));
        Assert.Contains("not retryable (x-should-retry: false)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void X_should_retry_true_is_kept_as_the_hint_and_makes_the_exception_retryable()
    {
        var c = Classify(400, OpenAiError("Bad."), headers: [("X-Should-Retry", "TRUE")]);
        Assert.Equal((ProviderErrorCategory.Client, false, (bool?)true), (c.Category, c.IsRetryable, c.RetryHint));
        var e = ProviderException.Create("p", "m", 400, c);
        Assert.Equal((true, false), (e.IsRetryable, e.IsRetryableIgnoringHint));
        Assert.Contains("retryable (x-should-retry: true)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void X_should_retry_with_another_value_is_no_hint()
    {
        var c = Classify(500, headers: [("x-should-retry", "maybe")]);
        Assert.Equal((true, (bool?)null), (c.IsRetryable, c.RetryHint));
    }

    [Fact]
    public void No_x_should_retry_is_no_hint_and_the_exception_follows_the_classification()
    {
        var c = Classify(503);
        Assert.Null(c.RetryHint);
        var e = ProviderException.Create("p", null, 503, c);
        Assert.Equal((true, true), (e.IsRetryable, e.IsRetryableIgnoringHint));
        Assert.DoesNotContain("x-should-retry", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hint_that_agrees_with_the_classification_is_not_repeated_in_the_message() =>
        Assert.DoesNotContain("x-should-retry", ProviderException.Create("p", null, 429, Classify(429, headers: [("x-should-retry", "true")])).Message, StringComparison.Ordinal);

    [Fact]
    public void Gemini_retry_info_delay_is_read()
    {
        var c = ClassifyCapture(429, "gemini/error-429-retry-info.json");
        Assert.Equal((ProviderErrorCategory.RateLimit, true), (c.Category, c.IsRetryable));
        Assert.Equal(TimeSpan.FromMilliseconds(34_400), c.RetryAfter);
        Assert.Equal("429", c.Code);
        Assert.Equal("You exceeded your current quota, please check your plan.", c.Message);
    }

    [Fact]
    public void Openai_try_again_in_milliseconds_message_is_read()
    {
        var c = ClassifyCapture(429, "openai/error-429.json");
        Assert.Equal((ProviderErrorCategory.RateLimit, true), (c.Category, c.IsRetryable));
        Assert.Equal(TimeSpan.FromMilliseconds(120), c.RetryAfter);
        Assert.Equal(("rate_limit_exceeded", "requests"), (c.Code, c.Type));
    }

    [Fact]
    public void Openai_try_again_in_seconds_message_is_read() =>
        Assert.Equal(TimeSpan.FromSeconds(1.5), Classify(429, OpenAiError("Rate limit reached. Please try again in 1.5s. Visit …")).RetryAfter);

    // ---- captures ----

    [Fact]
    public void Openai_401_capture_is_authentication()
    {
        var c = ClassifyCapture(401, "openai/error-401.json");
        Assert.Equal((ProviderErrorCategory.Authentication, false), (c.Category, c.IsRetryable));
        Assert.Equal(("invalid_api_key", "invalid_request_error"), (c.Code, c.Type));
        Assert.StartsWith("Incorrect API key provided", c.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Openai_429_insufficient_quota_capture_is_quota_exhausted()
    {
        var c = ClassifyCapture(429, "openai/error-429-insufficient-quota.json");
        Assert.Equal((ProviderErrorCategory.QuotaExhausted, false), (c.Category, c.IsRetryable));
        Assert.Equal("insufficient_quota", c.Code);
    }

    [Fact]
    public void Openai_500_capture_is_a_retryable_server_error()
    {
        var c = ClassifyCapture(500, "openai/error-500.json");
        Assert.Equal((ProviderErrorCategory.Server, true), (c.Category, c.IsRetryable));
        Assert.Null(c.Code);
        Assert.Equal("server_error", c.Type);
        Assert.Equal("The server had an error while processing your request. Sorry about that!", c.Message);
    }

    [Fact]
    public void Anthropic_529_overloaded_capture_is_a_retryable_server_error()
    {
        var c = ClassifyCapture(529, "anthropic/error-529-overloaded.json");
        Assert.Equal((ProviderErrorCategory.Server, true), (c.Category, c.IsRetryable));
        Assert.Equal(("overloaded_error", "Overloaded"), (c.Type, c.Message));
    }

    [Fact]
    public void Anthropic_429_capture_with_its_headers_is_a_retryable_rate_limit()
    {
        var c = ClassifyCapture(429, "anthropic/error-429.json", ("x-should-retry", "true"));
        Assert.Equal((ProviderErrorCategory.RateLimit, true, (bool?)true), (c.Category, c.IsRetryable, c.RetryHint));
        Assert.Equal("rate_limit_error", c.Type);
    }

    [Fact]
    public void Gemini_400_api_key_capture_is_an_authentication_error_with_its_status_as_code()
    {
        var c = ClassifyCapture(400, "gemini/error-400-api-key.json");
        Assert.Equal((ProviderErrorCategory.Authentication, false), (c.Category, c.IsRetryable));
        Assert.Equal("400", c.Code);
        Assert.Equal("API key not valid. Please pass a valid API key.", c.Message);
        Assert.Null(c.RetryAfter);
    }

    // ---- in-band errors ----

    [Fact]
    public void In_band_openrouter_server_error_is_a_retryable_server_error()
    {
        var c = Classify(200, """{"error":{"code":"server_error","message":"Provider returned error"}}""", exception: null, inBand: true);
        Assert.Equal((ProviderErrorCategory.Server, true), (c.Category, c.IsRetryable));
        Assert.Equal(("server_error", "Provider returned error"), (c.Code, c.Message));
    }

    [Fact]
    public void In_band_anthropic_overloaded_error_is_a_server_error_with_its_message()
    {
        var c = Classify(200, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", exception: null, inBand: true);
        Assert.Equal((ProviderErrorCategory.Server, true), (c.Category, c.IsRetryable));
        Assert.Equal("Overloaded", c.Message);
        Assert.Equal("overloaded_error", c.Type);
    }

    [Fact]
    public void In_band_numeric_code_429_is_a_rate_limit()
    {
        var c = Classify(200, """{"error":{"code":429,"message":"Rate limit exceeded"}}""", exception: null, inBand: true);
        Assert.Equal((ProviderErrorCategory.RateLimit, true), (c.Category, c.IsRetryable));
        Assert.Equal("429", c.Code);
    }

    [Fact]
    public void In_band_numeric_code_401_is_authentication() =>
        Assert.Equal(ProviderErrorCategory.Authentication, Classify(200, """{"error":{"code":401,"message":"No auth"}}""", exception: null, inBand: true).Category);

    [Fact]
    public void In_band_rate_limit_type_is_a_rate_limit() =>
        Assert.Equal(ProviderErrorCategory.RateLimit, Classify(200, """{"type":"error","error":{"type":"rate_limit_error","message":"slow"}}""", exception: null, inBand: true).Category);

    [Fact]
    public void In_band_invalid_request_is_a_client_error()
    {
        var c = Classify(200, """{"type":"error","error":{"type":"invalid_request_error","message":"bad"}}""", exception: null, inBand: true);
        Assert.Equal((ProviderErrorCategory.Client, false), (c.Category, c.IsRetryable));
    }

    [Fact]
    public void In_band_context_length_message_is_context_length_exceeded() =>
        Assert.Equal(
            ProviderErrorCategory.ContextLengthExceeded,
            Classify(200, """{"error":{"message":"This model's maximum context length is 8192 tokens."}}""", exception: null, inBand: true).Category);

    [Fact]
    public void In_band_error_without_status_is_classified_by_its_body() =>
        Assert.Equal(ProviderErrorCategory.Server, Classify(null, """{"error":{"type":"api_error","message":"x"}}""", exception: null, inBand: true).Category);

    // ---- transport exceptions ----

    [Fact]
    public void Http_request_exception_without_a_response_is_a_retryable_network_error()
    {
        var c = Classify(null, exception: new HttpRequestException("Connection refused (api.example.com:443)"));
        Assert.Equal((ProviderErrorCategory.Network, true), (c.Category, c.IsRetryable));
        Assert.Equal("Connection refused (api.example.com:443)", c.Message);
    }

    [Fact]
    public void Io_exception_is_a_retryable_network_error()
    {
        var c = Classify(null, exception: new IOException("reset"));
        Assert.Equal((ProviderErrorCategory.Network, true), (c.Category, c.IsRetryable));
    }

    [Fact]
    public void Timeout_exception_is_a_retryable_timeout()
    {
        var c = Classify(null, exception: new TimeoutException("The first token did not arrive within 10 s."));
        Assert.Equal((ProviderErrorCategory.Timeout, true), (c.Category, c.IsRetryable));
        Assert.Equal("The first token did not arrive within 10 s.", c.Message);
    }

    [Fact]
    public void Task_canceled_exception_is_a_timeout() =>
        Assert.Equal(ProviderErrorCategory.Timeout, Classify(null, exception: new TaskCanceledException()).Category);

    [Fact]
    public void Unrecognised_exception_is_unknown_and_not_retryable()
    {
        var c = Classify(null, exception: new InvalidOperationException("odd"));
        Assert.Equal((ProviderErrorCategory.Unknown, false), (c.Category, c.IsRetryable));
    }

    [Fact]
    public void Invalid_data_exception_is_a_retryable_server_error_saying_the_response_was_unusable()
    {
        var c = Classify(200, "<html>login</html>", exception: new InvalidDataException("The upstream answered with 'text/html' instead of audio."));
        Assert.Equal((ProviderErrorCategory.Server, true), (c.Category, c.IsRetryable));
        Assert.Equal("The upstream sent an unusable response: The upstream answered with 'text/html' instead of audio.", c.Message);
    }

    [Fact]
    public void Json_exception_is_a_retryable_server_error_saying_the_response_was_not_valid_json()
    {
        var c = Classify(200, "{\"id\":", exception: new JsonException("'}' is invalid after a value."));
        Assert.Equal((ProviderErrorCategory.Server, true), (c.Category, c.IsRetryable));
        Assert.Equal("The upstream sent a response that is not valid JSON: '}' is invalid after a value.", c.Message);
    }

    [Fact]
    public void Json_exception_wins_over_the_status() =>
        Assert.Equal(ProviderErrorCategory.Server, Classify(401, exception: new JsonException("bad")).Category);

    [Fact]
    public void Classify_of_null_throws() =>
        Assert.Throws<ArgumentNullException>(() => DefaultErrorClassifier.Classify(null!, Now));

    // ---- ErrorBody ----

    [Fact]
    public void Error_body_reads_a_bare_error_string()
    {
        var body = ErrorBody.Parse("""{"error":"model not found"}"""u8);
        Assert.Equal("model not found", body.Message);
        Assert.Null(body.Code);
    }

    [Fact]
    public void Error_body_reads_a_bare_message() =>
        Assert.Equal("boom", ErrorBody.Parse("""{"message":"boom"}"""u8).Message);

    [Fact]
    public void Error_body_of_invalid_json_is_empty() =>
        Assert.Equal(new ErrorBody(), ErrorBody.Parse("not json"u8));

    [Fact]
    public void Error_body_reads_google_status() =>
        Assert.Equal("INVALID_ARGUMENT", ErrorBody.Parse(ConformanceCaptures.ReadBytes("gemini/error-400-api-key.json")).Status);

    // ---- ProviderException ----

    private static ErrorClassification Classification(ProviderErrorCategory category) => new(category, false);

    [Theory]
    [InlineData(ProviderErrorCategory.Authentication, typeof(AuthenticationException))]
    [InlineData(ProviderErrorCategory.RateLimit, typeof(RateLimitException))]
    [InlineData(ProviderErrorCategory.QuotaExhausted, typeof(QuotaExhaustedException))]
    [InlineData(ProviderErrorCategory.Timeout, typeof(ProviderTimeoutException))]
    [InlineData(ProviderErrorCategory.ContextLengthExceeded, typeof(ContextLengthExceededException))]
    [InlineData(ProviderErrorCategory.ContentFilter, typeof(ContentFilterException))]
    [InlineData(ProviderErrorCategory.Server, typeof(ProviderException))]
    [InlineData(ProviderErrorCategory.Client, typeof(ProviderException))]
    [InlineData(ProviderErrorCategory.Network, typeof(ProviderException))]
    [InlineData(ProviderErrorCategory.Unknown, typeof(ProviderException))]
    public void Create_returns_the_subtype_for_the_category(ProviderErrorCategory category, Type expected)
    {
        var e = ProviderException.Create("p", "m", 500, Classification(category));
        Assert.IsType(expected, e);
        Assert.Equal(category, e.Category);
    }

    [Fact]
    public void Create_message_names_the_provider_model_status_code_and_retry()
    {
        var classification = new ErrorClassification(ProviderErrorCategory.RateLimit, true)
        {
            Code = "rate_limit_exceeded",
            Param = "messages",
            RetryAfter = TimeSpan.FromMilliseconds(120),
            Message = "Slow down.",
        };
        var e = ProviderException.Create("openai-main", "gpt-4o-mini", 429, classification);
        Assert.Equal(
            "Provider 'openai-main' (model 'gpt-4o-mini') failed: RateLimit, HTTP 429, code 'rate_limit_exceeded', param 'messages', retryable, retry after 0.12 s: Slow down.",
            e.Message);
    }

    [Fact]
    public void Create_message_without_model_status_or_code_is_short()
    {
        var e = ProviderException.Create("ollama", null, null, new ErrorClassification(ProviderErrorCategory.Network, true));
        Assert.Equal("Provider 'ollama' failed: Network, retryable", e.Message);
    }

    [Fact]
    public void Create_from_a_classified_capture_carries_provider_status_and_code()
    {
        var classification = ClassifyCapture(429, "openai/error-429-insufficient-quota.json");
        var e = ProviderException.Create("openai", "gpt-4o", 429, classification);
        var quota = Assert.IsType<QuotaExhaustedException>(e);
        Assert.Contains("'openai'", quota.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 429", quota.Message, StringComparison.Ordinal);
        Assert.Contains("code 'insufficient_quota'", quota.Message, StringComparison.Ordinal);
        Assert.Equal(("openai", "gpt-4o", 429, "insufficient_quota", false), (quota.ProviderId, quota.ModelId, quota.StatusCode, quota.ErrorCode, quota.IsRetryable));
        Assert.Same(classification, quota.Classification);
    }

    [Fact]
    public void Create_keeps_the_inner_exception()
    {
        var inner = new HttpRequestException("reset");
        var e = ProviderException.Create("p", null, null, new ErrorClassification(ProviderErrorCategory.Network, true), inner);
        Assert.Same(inner, e.InnerException);
    }

    [Fact]
    public void Provider_exception_exposes_retry_after() =>
        Assert.Equal(
            TimeSpan.FromSeconds(3),
            ProviderException.Create("p", null, 429, new ErrorClassification(ProviderErrorCategory.RateLimit, true) { RetryAfter = TimeSpan.FromSeconds(3) }).RetryAfter);

    [Fact]
    public void Provider_exceptions_are_model_mesh_exceptions() =>
        Assert.IsAssignableFrom<ModelMeshException>(ProviderException.Create("p", null, 401, Classification(ProviderErrorCategory.Authentication)));
}

public class RetryHintTests
{
    [Theory]
    [InlineData("Please try again in 120ms.", 120)]
    [InlineData("Please try again in 7.5s. Visit", 7500)]
    [InlineData("Please try again in 5m36.96s.", 336960)]
    [InlineData("Please try again in 1h2m3s.", 3723000)]
    [InlineData("Please try again in 20 seconds.", 20000)]
    public void Retry_hint_in_the_message_is_read_as_a_go_style_duration(string message, int expectedMs)
    {
        var body = System.Text.Encoding.UTF8.GetBytes("{\"error\":{\"message\":\"" + message + "\",\"code\":\"rate_limit_exceeded\"}}");
        var c = ModelMesh.Cdk.DefaultErrorClassifier.Classify(new ModelMesh.Cdk.ProviderError(429, null, body, null, false), DateTimeOffset.UnixEpoch);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), c.RetryAfter);
    }

    [Fact]
    public async Task Tab_only_ndjson_line_is_blank()
    {
        using var stream = new MemoryStream("{}\n\t\n{}\n"u8.ToArray());
        using var reader = new ModelMesh.Cdk.StreamEventReader(stream, ModelMesh.Cdk.StreamFormat.NewlineDelimitedJson);
        var count = 0;
        while (await reader.ReadAsync() is not null)
        {
            count++;
        }
        Assert.Equal(2, count);
    }

    [Theory]
    [InlineData("{\"model\":\"m\",\"input\":[1.5]}")]
    [InlineData("{\"model\":\"m\",\"input\":[99999999999]}")]
    public void Embedding_token_that_is_not_a_32_bit_integer_is_rejected_with_the_expected_shape(string json)
    {
        var e = Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize(json, ModelMeshJson.EmbeddingRequest));
        Assert.Contains("a token must be a 32-bit integer", e.Message, StringComparison.Ordinal);
    }
}
