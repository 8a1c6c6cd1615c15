using System.Globalization;
using System.Text;

namespace Seq2Seq.Train.Reporting;

/// <summary>
/// Text made safe to show on a terminal: control characters (which the toolkit keeps in tokens, see
/// <see cref="Seq2Seq.Data.TextNormalizer"/>) are shown as <c>\x07</c>-style escapes, so that a bell or an escape
/// sequence in a sentence cannot ring, recolour or rewrite the screen. Files keep the tokens as they are.
/// </summary>
public static class TerminalText
{
    public static string Escape(string text)
    {
        if (!text.Any(char.IsControl))
            return text;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (char c in text)
            escaped.Append(char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}") : c);
        return escaped.ToString();
    }
}
