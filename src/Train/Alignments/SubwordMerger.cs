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
/// The simple maps give, for each piece, the 0-based index of the word it belongs to, or −1 for a piece outside every
/// word (<c>&lt;/s&gt;</c>, <c>&lt;s&gt;</c>, language tags). Word indices must cover 0..W−1, each word having at least
/// one piece; pieces need not be contiguous. Target rows mapped to −1 are always dropped (the row of the step
/// predicting <c>&lt;/s&gt;</c> aligns no word). Source columns mapped to −1 are dropped or summed into a final null
/// column, see <see cref="SourceSpecialPieces"/>.
/// <para>The general maps let one piece belong to several words (a piece such as <c>."</c> that the word tokeniser
/// splits into <c>.</c> and <c>"</c>): a source piece's attention is then split evenly among its words, and a target
/// piece's row counts, whole, for each of its words. Every row keeps its sum either way.</para>
/// </remarks>
public static class SubwordMerger
{
    /// <summary>Merges a piece matrix into a word matrix, each piece belonging to at most one word.</summary>
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
        int sourceWords = CountWords(sourceWordOfPiece, pieces.GetLength(1), nameof(sourceWordOfPiece));
        int targetWords = CountWords(targetWordOfPiece, pieces.GetLength(0), nameof(targetWordOfPiece));
        return Merge(pieces, ToSets(sourceWordOfPiece), sourceWords, ToSets(targetWordOfPiece), targetWords,
            sourceSpecials);
    }

    /// <summary>Merges a piece matrix into a word matrix, a piece belonging to any number of words.</summary>
    /// <param name="pieces">[tgtPieces, srcPieces] attention weights.</param>
    /// <param name="sourceWordsOfPiece">Length srcPieces: the words of each source piece (distinct, in 0..srcWords−1);
    /// empty for a special piece.</param>
    /// <param name="sourceWords">The number of source words; each must have at least one piece.</param>
    /// <param name="targetWordsOfPiece">Length tgtPieces: the words of each target piece; empty for a special
    /// piece.</param>
    /// <param name="targetWords">The number of target words; each must have at least one piece.</param>
    /// <param name="sourceSpecials">What to do with source pieces of no word.</param>
    /// <returns>[tgtWords, srcWords] or, with <see cref="SourceSpecialPieces.NullColumn"/>, [tgtWords, srcWords + 1].</returns>
    public static float[,] Merge(
        float[,] pieces,
        IReadOnlyList<IReadOnlyList<int>> sourceWordsOfPiece,
        int sourceWords,
        IReadOnlyList<IReadOnlyList<int>> targetWordsOfPiece,
        int targetWords,
        SourceSpecialPieces sourceSpecials)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        int targetPieces = pieces.GetLength(0), sourcePieces = pieces.GetLength(1);
        CheckSets(sourceWordsOfPiece, sourcePieces, sourceWords, nameof(sourceWordsOfPiece));
        CheckSets(targetWordsOfPiece, targetPieces, targetWords, nameof(targetWordsOfPiece));
        bool nullColumn = sourceSpecials == SourceSpecialPieces.NullColumn;
        int columns = sourceWords + (nullColumn ? 1 : 0);

        // Sum source pieces per word (a shared piece split evenly): [tgtPieces, columns].
        var summed = new double[targetPieces, columns];
        for (int s = 0; s < sourcePieces; s++)
        {
            IReadOnlyList<int> words = sourceWordsOfPiece[s];
            if (words.Count == 0 && !nullColumn)
                continue;
            IReadOnlyList<int> targets = words.Count == 0 ? [sourceWords] : words;
            for (int t = 0; t < targetPieces; t++)
            {
                double share = (double)pieces[t, s] / targets.Count;
                foreach (int column in targets)
                    summed[t, column] += share;
            }
        }

        // Average target pieces per word: [tgtWords, columns].
        var rows = new double[targetWords, columns];
        var piecesPerWord = new int[targetWords];
        for (int t = 0; t < targetPieces; t++)
        {
            foreach (int word in targetWordsOfPiece[t])
            {
                piecesPerWord[word]++;
                for (int c = 0; c < columns; c++)
                    rows[word, c] += summed[t, c];
            }
        }

        var merged = new float[targetWords, columns];
        for (int w = 0; w < targetWords; w++)
            for (int c = 0; c < columns; c++)
                merged[w, c] = (float)(rows[w, c] / piecesPerWord[w]);
        return merged;
    }

    private static IReadOnlyList<int>[] ToSets(IReadOnlyList<int> wordOfPiece) =>
        [.. wordOfPiece.Select(word => word >= 0 ? (IReadOnlyList<int>)[word] : [])];

    private static int CountWords(IReadOnlyList<int> wordOfPiece, int pieces, string name)
    {
        ArgumentNullException.ThrowIfNull(wordOfPiece, name);
        if (wordOfPiece.Count != pieces)
            throw new ArgumentException($"{wordOfPiece.Count} word indices for {pieces} pieces", name);
        foreach (int word in wordOfPiece)
        {
            if (word < -1)
                throw new ArgumentException($"word index {word}: expected -1 or a word index >= 0", name);
        }
        return wordOfPiece.Count == 0 ? 0 : Math.Max(-1, wordOfPiece.Max()) + 1;
    }

    private static void CheckSets(IReadOnlyList<IReadOnlyList<int>> wordsOfPiece, int pieces, int words, string name)
    {
        ArgumentNullException.ThrowIfNull(wordsOfPiece, name);
        ArgumentOutOfRangeException.ThrowIfNegative(words);
        if (wordsOfPiece.Count != pieces)
            throw new ArgumentException($"{wordsOfPiece.Count} word lists for {pieces} pieces", name);
        var seen = new bool[words];
        foreach (IReadOnlyList<int> set in wordsOfPiece)
        {
            foreach (int word in set)
            {
                if (word < 0 || word >= words)
                    throw new ArgumentException($"word index {word}: expected a word index in 0..{words - 1}", name);
                seen[word] = true;
            }
            if (set.Distinct().Count() != set.Count)
                throw new ArgumentException("a piece lists the same word twice", name);
        }
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
            throw new ArgumentException($"word {missing} has no piece: word indices must cover 0..{words - 1}", name);
    }
}
