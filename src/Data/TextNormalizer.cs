using System.Text;

namespace Seq2Seq.Data;

/// <summary>
/// The normalisation every sentence goes through before anything else: Unicode NFC, every run of whitespace
/// (<see cref="char.IsWhiteSpace(char)"/>, which includes no-break spaces) replaced by one space, then trimmed.
/// Code points that cannot be normalised — unpaired surrogates and the noncharacter U+FFFE — first become U+FFFD.
/// Decoding an encoded sentence gives back exactly this normalised text.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        string valid = ReplaceInvalid(text);
        string composed = valid.IsNormalized(NormalizationForm.FormC) ? valid : valid.Normalize(NormalizationForm.FormC);
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

    /// <summary>The text with every unpaired surrogate and every U+FFFE replaced by U+FFFD.</summary>
    private static string ReplaceInvalid(string text)
    {
        if (!HasInvalid(text))
            return text;
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int consumed);   // an unpaired surrogate → U+FFFD
            builder.Append(rune.Value == 0xFFFE ? Rune.ReplacementChar.ToString() : rune.ToString());
            i += consumed;
        }
        return builder.ToString();
    }

    private static bool HasInvalid(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\uFFFE')
                return true;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return true;
        }
        return false;
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
