using System.Text.Encodings.Web;

namespace Portico.Notifications.Channels;

/// <summary>
/// Slack's escaping: only <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>, which Slack decodes for display. Applied to
/// template values, it keeps a name such as <c>&lt;!channel&gt;</c> from pinging a whole channel; other
/// characters stay as they are (an HTML encoder would show <c>&amp;#x27;</c> for an apostrophe).
/// </summary>
internal sealed class SlackTextEncoder : TextEncoder
{
    public static readonly SlackTextEncoder Instance = new();

    public override int MaxOutputCharactersPerInputCharacter => 5;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (text[i] is '&' or '<' or '>')
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var replacement = unicodeScalar switch
        {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            _ => null,
        };
        if (replacement is null)
        {
            var text = char.ConvertFromUtf32(unicodeScalar);
            return Write(text, buffer, bufferLength, out numberOfCharactersWritten);
        }

        return Write(replacement, buffer, bufferLength, out numberOfCharactersWritten);
    }

    public override bool WillEncode(int unicodeScalar) => unicodeScalar is '&' or '<' or '>';

    private static unsafe bool Write(string text, char* buffer, int bufferLength, out int written)
    {
        if (text.Length > bufferLength)
        {
            written = 0;
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            buffer[i] = text[i];
        }

        written = text.Length;
        return true;
    }
}
