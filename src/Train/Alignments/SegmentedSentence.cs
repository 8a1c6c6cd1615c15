using Seq2Seq.Data;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// One side of a sentence pair cut two ways: into the model's BPE pieces (one id per piece, as the model sees it) and
/// into the words alignments are scored in, with the word(s) each piece belongs to.
/// </summary>
/// <remarks>
/// A piece belongs to the word its non-whitespace characters overlap most (<see cref="SubwordWordMap"/>; a leading-
/// space piece belongs to the next word). Byte-level BPE can merge characters that the word tokeniser separates — a
/// learned piece <c>."</c> against the words <c>.</c> and <c>"</c> — and then a word would have no piece of its own;
/// such a word shares the piece(s) overlapping it, so that every word has at least one piece (see
/// <see cref="SubwordMerger"/> for how a shared piece is counted).
/// </remarks>
public sealed class SegmentedSentence
{
    private SegmentedSentence(string text, IReadOnlyList<string> pieces, int[] ids, IReadOnlyList<string> words,
        IReadOnlyList<IReadOnlyList<int>> wordsOfPiece)
    {
        Text = text;
        Pieces = pieces;
        Ids = ids;
        Words = words;
        WordsOfPiece = wordsOfPiece;
    }

    /// <summary>The normalised sentence (<see cref="TextNormalizer"/>).</summary>
    public string Text { get; }

    /// <summary>The BPE pieces as readable text (<see cref="ByteLevelAlphabet.Decode"/>), one per id.</summary>
    public IReadOnlyList<string> Pieces { get; }

    /// <summary>The model ids of the pieces, without special tokens; a piece outside the vocabulary is
    /// &lt;unk&gt;.</summary>
    public int[] Ids { get; }

    /// <summary>The words, in order.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>For each piece, the words (indices into <see cref="Words"/>) it belongs to: one, or more when it is
    /// shared (see the remarks).</summary>
    public IReadOnlyList<IReadOnlyList<int>> WordsOfPiece { get; }

    /// <summary>Normalises, encodes and word-tokenises <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">the text has no word (empty or whitespace)</exception>
    public static SegmentedSentence Create(SentenceCodec codec, string text, WordTokenization tokenization)
    {
        ArgumentNullException.ThrowIfNull(codec);
        EncodedSentence encoded = codec.Tokenizer.Encode(text);
        IReadOnlyList<WordToken> words = SplitWords(encoded.Text, tokenization);
        if (words.Count == 0)
            throw new ArgumentException("a sentence to align needs at least one word", nameof(text));

        int[] primary = SubwordWordMap.Map(encoded.Text, encoded.Pieces, words);
        var wordsOfPiece = primary.Select(word => new List<int> { word }).ToArray();
        var hasPiece = new bool[words.Count];
        foreach (int word in primary)
            hasPiece[word] = true;
        for (int w = 0; w < words.Count; w++)
        {
            if (hasPiece[w])
                continue;
            for (int p = 0; p < encoded.Pieces.Count; p++)
            {
                if (Overlap(encoded.Pieces[p], words[w]) > 0)
                    wordsOfPiece[p].Add(w);
            }
        }

        return new SegmentedSentence(
            encoded.Text,
            [.. encoded.Pieces.Select(piece => ByteLevelAlphabet.Decode(piece.Value))],
            codec.Vocabulary.Encode(encoded.Pieces.Select(piece => piece.Value)),
            [.. words.Select(word => word.Text)],
            [.. wordsOfPiece.Select(list => (IReadOnlyList<int>)[.. list.Order()])]);
    }

    /// <summary>The words of a normalised sentence under <paramref name="tokenization"/>, with their spans.</summary>
    public static IReadOnlyList<WordToken> SplitWords(string normalized, WordTokenization tokenization)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (tokenization == WordTokenization.Words)
            return WordTokenizer.Tokenize(normalized);
        var words = new List<WordToken>();
        int start = 0;
        // A normalised text has single spaces between tokens and none at either end.
        for (int i = 0; i <= normalized.Length; i++)
        {
            if (i < normalized.Length && normalized[i] != ' ')
                continue;
            if (i > start)
                words.Add(new WordToken(normalized[start..i], start, i - start));
            start = i + 1;
        }
        return words;
    }

    private static int Overlap(SubwordPiece piece, WordToken word) =>
        Math.Max(0, Math.Min(piece.End, word.End) - Math.Max(piece.Start, word.Start));
}
