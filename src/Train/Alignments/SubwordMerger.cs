namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Turns a subword-level attention matrix into a word-level one, so that it can be scored against word-level gold
/// alignments. Source columns of the same word are <b>summed</b> (a word receives all the attention its pieces
/// receive, so every row still sums to what it summed to before); target rows of the same word are <b>averaged</b>
/// (each piece's row is one distribution over the source, and their mean is again a distribution). This is the
/// convention of Clark et al. (2019), "What Does BERT Look At? An Analysis of BERT's Attention", section 2:
/// attention <em>to</em> a split word is summed over its pieces, attention <em>from</em> it is averaged.
/// </summary>
/// <remarks>
/// The maps give, for each piece, the 0-based index of the word it belongs to, or −1 for a piece outside every word
/// (<c>&lt;/s&gt;</c>, <c>&lt;s&gt;</c>, language tags). Word indices must cover 0..W−1, each word having at least one
/// piece; pieces need not be contiguous. Target rows mapped to −1 are always dropped (the row of the step predicting
/// <c>&lt;/s&gt;</c> aligns no word). Source columns mapped to −1 are dropped or summed into a final null column, see
/// <see cref="SourceSpecialPieces"/>.
/// </remarks>
public static class SubwordMerger
{
    /// <summary>Merges a piece matrix into a word matrix.</summary>
    /// <param name="pieces">[tgtPieces, srcPieces] attention weights.</param>
    /// <param name="sourceWordOfPiece">Length srcPieces: word index of each source piece, or −1.</param>
    /// <param name="targetWordOfPiece">Length tgtPieces: word index of each target piece, or −1.</param>
    /// <param name="sourceSpecials">What to do with source pieces mapped to −1.</param>
    /// <returns>[tgtWords, srcWords] or, with <see cref="SourceSpecialPieces.NullColumn"/>, [tgtWords, srcWords + 1].</returns>
    public static float[,] Merge(
        float[,] pieces,
        IReadOnlyList<int> sourceWordOfPiece,
        IReadOnlyList<int> targetWordOfPiece,
        SourceSpecialPieces sourceSpecials)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        int targetPieces = pieces.GetLength(0), sourcePieces = pieces.GetLength(1);
        int sourceWords = CountWords(sourceWordOfPiece, sourcePieces, nameof(sourceWordOfPiece));
        int targetWords = CountWords(targetWordOfPiece, targetPieces, nameof(targetWordOfPiece));
        bool nullColumn = sourceSpecials == SourceSpecialPieces.NullColumn;
        int columns = sourceWords + (nullColumn ? 1 : 0);

        // Sum source pieces per word: [tgtPieces, columns].
        var summed = new double[targetPieces, columns];
        for (int s = 0; s < sourcePieces; s++)
        {
            int column = sourceWordOfPiece[s] >= 0 ? sourceWordOfPiece[s] : nullColumn ? sourceWords : -1;
            if (column < 0)
                continue;
            for (int t = 0; t < targetPieces; t++)
                summed[t, column] += pieces[t, s];
        }

        // Average target pieces per word: [tgtWords, columns].
        var words = new double[targetWords, columns];
        var piecesPerWord = new int[targetWords];
        for (int t = 0; t < targetPieces; t++)
        {
            int word = targetWordOfPiece[t];
            if (word < 0)
                continue;
            piecesPerWord[word]++;
            for (int c = 0; c < columns; c++)
                words[word, c] += summed[t, c];
        }

        var merged = new float[targetWords, columns];
        for (int w = 0; w < targetWords; w++)
            for (int c = 0; c < columns; c++)
                merged[w, c] = (float)(words[w, c] / piecesPerWord[w]);
        return merged;
    }

    private static int CountWords(IReadOnlyList<int> wordOfPiece, int pieces, string name)
    {
        ArgumentNullException.ThrowIfNull(wordOfPiece, name);
        if (wordOfPiece.Count != pieces)
            throw new ArgumentException($"{wordOfPiece.Count} word indices for {pieces} pieces", name);
        int words = wordOfPiece.Count == 0 ? 0 : Math.Max(-1, wordOfPiece.Max()) + 1;
        var seen = new bool[words];
        foreach (int word in wordOfPiece)
        {
            if (word < -1)
                throw new ArgumentException($"word index {word}: expected -1 or a word index >= 0", name);
            if (word >= 0)
                seen[word] = true;
        }
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
            throw new ArgumentException($"word {missing} has no piece: word indices must cover 0..{words - 1}", name);
        return words;
    }
}
