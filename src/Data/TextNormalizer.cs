using System.Text;

namespace Seq2Seq.Data;

/// <summary>
/// The normalisation every sentence goes through before anything else: Unicode NFC, every run of whitespace
/// (<see cref="char.IsWhiteSpace(char)"/>, which includes no-break spaces) replaced by one space, then trimmed.
/// Decoding an encoded sentence gives back exactly this normalised text.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        string composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        if (!NeedsWhitespaceFix(composed))
            return composed;

        var builder = new StringBuilder(composed.Length);
        bool pendingSpace = false;
        foreach (char c in composed)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
                builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Whether the text has leading or trailing whitespace, a run of two, or any whitespace but ' '.</summary>
    private static bool NeedsWhitespaceFix(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!char.IsWhiteSpace(c))
                continue;
            if (c != ' ' || i == 0 || i == text.Length - 1 || char.IsWhiteSpace(text[i + 1]))
                return true;
        }
        return false;
    }
}
