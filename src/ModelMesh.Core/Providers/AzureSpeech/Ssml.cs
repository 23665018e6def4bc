using System.Globalization;
using System.Text;
using System.Xml;

namespace ModelMesh.Providers.AzureSpeech;

/// <summary>
/// Writes the SSML document Azure speaks, with an <see cref="XmlWriter"/> so the input text and the voice name are
/// always escaped: text is data, never markup, whatever it contains.
/// </summary>
internal static class Ssml
{
    private const string SynthesisNamespace = "http://www.w3.org/2001/10/synthesis";

    /// <exception cref="ArgumentException">The text contains a character XML cannot carry (a control character).</exception>
    public static ReadOnlyMemory<byte> Write(string text, string voice, double? speed)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartElement("speak", SynthesisNamespace);
            xml.WriteAttributeString("version", "1.0");
            xml.WriteAttributeString("xml", "lang", null, LanguageOf(voice));
            xml.WriteStartElement("voice", SynthesisNamespace);
            xml.WriteAttributeString("name", voice);
            if (speed is { } rate)
            {
                // A bare number is a multiplier of the voice's default rate, as OpenAI's speed is.
                xml.WriteStartElement("prosody", SynthesisNamespace);
                xml.WriteAttributeString("rate", rate.ToString("0.###", CultureInfo.InvariantCulture));
                xml.WriteString(text);
                xml.WriteEndElement();
            }
            else
            {
                xml.WriteString(text);
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }

    /// <summary>The locale a voice name starts with (<c>en-US-JennyNeural</c> → <c>en-US</c>); <c>en-US</c> when it has none.</summary>
    private static string LanguageOf(string voice)
    {
        var parts = voice.Split('-');
        return parts.Length >= 3 && parts[0].Length is 2 or 3 && parts[1].Length is >= 2 and <= 4 ? parts[0] + "-" + parts[1] : "en-US";
    }
}
