namespace Seq2Seq.Data;

/// <summary>
/// Maps BPE pieces to the words (<see cref="WordTokenizer"/>) they belong to, so that attention between pieces can
/// be merged back into attention between words.
/// </summary>
public static class SubwordWordMap
{
    /// <summary>
    /// For each piece, the index of its word: the word whose span overlaps the piece's non-whitespace characters
    /// most (the first such word on a tie). A piece that is only whitespace belongs to the next word (the last word
    /// if none follows).
    /// </summary>
    /// <param name="text">the normalised sentence both the pieces and the words were cut from</param>
    /// <param name="pieces">its pieces, in order, with their spans</param>
    /// <param name="words">its words, in order, with their spans; at least one</param>
    public static int[] Map(string text, IReadOnlyList<SubwordPiece> pieces, IReadOnlyList<WordToken> words)
    {
        if (words.Count == 0)
            throw new ArgumentException("a sentence with pieces has at least one word", nameof(words));
        var map = new int[pieces.Count];
        for (int p = 0; p < pieces.Count; p++)
        {
            var piece = pieces[p];
            int best = -1, bestOverlap = 0;
            for (int w = 0; w < words.Count && words[w].Start < piece.End; w++)
            {
                int overlap = NonWhitespaceOverlap(text, piece, words[w]);
                if (overlap > bestOverlap)
                {
                    best = w;
                    bestOverlap = overlap;
                }
            }
            map[p] = best >= 0 ? best : NextWord(words, piece.Start);
        }
        return map;
    }

    private static int NonWhitespaceOverlap(string text, SubwordPiece piece, WordToken word)
    {
        int count = 0;
        for (int i = Math.Max(piece.Start, word.Start); i < Math.Min(piece.End, word.End); i++)
        {
            if (!char.IsWhiteSpace(text[i]))
                count++;
        }
        return count;
    }

    /// <summary>The first word that ends after <paramref name="position"/>, else the last word.</summary>
    private static int NextWord(IReadOnlyList<WordToken> words, int position)
    {
        for (int w = 0; w < words.Count; w++)
        {
            if (words[w].End > position)
                return w;
        }
        return words.Count - 1;
    }
}
