using System.CommandLine;

namespace ModelMesh.Cli;

/// <summary>An option whose value must be an absolute http or https URL; anything else is a parse error naming the option.</summary>
internal static class HttpUrlOption
{
    public static Option<Uri> Create(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "URL",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                return url;
            }
            result.AddError($"{name} must be an absolute http(s) URL; got '{text}'.");
            return null;
        },
    };
}
