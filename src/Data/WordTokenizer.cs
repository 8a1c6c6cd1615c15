using System.Collections.Frozen;
using System.Text;

namespace Seq2Seq.Data;

/// <summary>
/// The word tokenisation that word alignments are scored in (the sample corpus's gold alignments use exactly this
/// rule):
/// <list type="number">
/// <item>split on whitespace;</item>
/// <item>peel punctuation and symbol characters (<see cref="Rune.IsPunctuation"/> or <see cref="Rune.IsSymbol"/>)
/// off the start and the end of each chunk, one character at a time, each its own token (<c>Hello,</c> → <c>Hello</c>
/// <c>,</c>); punctuation inside a chunk stays (<c>7:30</c>, <c>peut-être</c>);</item>
/// <item>French elision: when the rest has an apostrophe (' or ’) after a prefix that, lower-cased, is one of
/// c d j l m n s t qu jusqu lorsqu puisqu quoiqu presqu, split after the apostrophe and repeat on the remainder
/// (<c>qu'il</c> → <c>qu'</c> <c>il</c>); <c>aujourd'hui</c>, <c>don't</c>, <c>John's</c> stay whole.</item>
/// </list>
/// </summary>
public static class WordTokenizer
{
    private static readonly FrozenSet<string> ElisionPrefixes = FrozenSet.ToFrozenSet(
        ["c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"],
        StringComparer.Ordinal);

    public static IReadOnlyList<WordToken> Tokenize(string text)
    {
        var tokens = new List<WordToken>();
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
                i++;
            AddChunk(text, start, i, tokens);
        }
        return tokens;
    }

    /// <summary>Adds the tokens of the chunk text[start..end).</summary>
    private static void AddChunk(string text, int start, int end, List<WordToken> tokens)
    {
        // Leading punctuation, one character at a time.
        while (start < end && IsPunctuationAt(text, start, out int length))
        {
            tokens.Add(Token(text, start, length));
            start += length;
        }
        // Trailing punctuation, collected from the end, added after the core.
        var trailing = new Stack<WordToken>();
        while (end > start && IsPunctuationBefore(text, end, out int length))
        {
            end -= length;
            trailing.Push(Token(text, end, length));
        }
        // The core, with French elided prefixes split off.
        while (start < end)
        {
            int apostrophe = text.AsSpan(start, end - start).IndexOfAny('\'', '’');
            if (apostrophe <= 0 || !ElisionPrefixes.Contains(text.Substring(start, apostrophe).ToLowerInvariant()))
            {
                tokens.Add(Token(text, start, end - start));
                break;
            }
            tokens.Add(Token(text, start, apostrophe + 1));
            start += apostrophe + 1;
        }
        tokens.AddRange(trailing);
    }

    private static bool IsPunctuationAt(string text, int index, out int length)
    {
        Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out length);
        return Rune.IsPunctuation(rune) || Rune.IsSymbol(rune);
    }

    private static bool IsPunctuationBefore(string text, int end, out int length)
    {
        Rune.DecodeLastFromUtf16(text.AsSpan(0, end), out var rune, out length);
        return Rune.IsPunctuation(rune) || Rune.IsSymbol(rune);
    }

    private static WordToken Token(string text, int start, int length) =>
        new(text.Substring(start, length), start, length);
}
