using Seq2Seq.Data;
using Seq2Seq.Train.Alignments;

namespace Seq2Seq.Tests.Alignments;

public sealed class SegmentedSentenceTests
{
    private static SentenceCodec Codec(IEnumerable<string> corpus, int merges)
    {
        var sentences = corpus.ToList();
        var tokenizer = SubwordTokenizer.Create(BpeLearner.Learn(sentences, merges));
        return new SentenceCodec(tokenizer, Vocabulary.Build(sentences.Select(s => tokenizer.Encode(s).Pieces.Select(p => p.Value))));
    }

    [Fact]
    public void MapsPiecesToWordsAndKeepsOneIdPerPiece()
    {
        var codec = Codec(["L'homme voit l'hôtel."], merges: 0);

        var sentence = SegmentedSentence.Create(codec, "  L'homme   voit l'hôtel. ", WordTokenization.Words);

        Assert.Equal("L'homme voit l'hôtel.", sentence.Text);
        Assert.Equal(["L'", "homme", "voit", "l'", "hôtel", "."], sentence.Words);
        Assert.Equal(sentence.Pieces.Count, sentence.Ids.Length);
        Assert.Equal(sentence.Pieces.Count, sentence.WordsOfPiece.Count);
        Assert.All(sentence.WordsOfPiece, words => Assert.Single(words));
        // Each byte is a piece: "ô" is two pieces of word 4, and the space before "voit" belongs to "voit".
        Assert.Equal(2, Enumerable.Range(0, sentence.Pieces.Count)
            .Count(p => sentence.WordsOfPiece[p][0] == 4 && sentence.Pieces[p] == "\uFFFD"));
        Assert.Equal([2], sentence.WordsOfPiece[sentence.Pieces.ToList().IndexOf(" ")]);
    }

    [Fact]
    public void AWordWithoutAPieceOfItsOwnSharesThePieceThatCoversIt()
    {
        // Learned on many `."` endings, BPE merges them into one piece, which the word tokenizer splits in two.
        var codec = Codec(Enumerable.Repeat("He said \"yes.\"", 20), merges: 10);

        var sentence = SegmentedSentence.Create(codec, "She said \"no.\"", WordTokenization.Words);

        Assert.Equal(["She", "said", "\"", "no", ".", "\""], sentence.Words);
        int shared = sentence.Pieces.ToList().IndexOf(".\"");
        Assert.True(shared >= 0, string.Join("|", sentence.Pieces));
        Assert.Equal([4, 5], sentence.WordsOfPiece[shared]);
        // Every word has a piece, so the merged matrix exists and its rows still sum to 1.
        var steps = new float[1, 1, 1 + sentence.Pieces.Count, 1 + sentence.Pieces.Count];
        for (int t = 0; t < steps.GetLength(2); t++)
            steps[0, 0, t, Math.Min(t, sentence.Pieces.Count)] = 1;
        var matrix = new SentenceAttention(sentence, sentence, steps)
            .WordMatrix(new AlignmentConfiguration(null, null, AttentionConvention.Naive));
        Assert.Equal(6, matrix.TargetTokens.Count);
        for (int t = 0; t < 6; t++)
            Assert.Equal(1f, Enumerable.Range(0, 7).Sum(s => matrix.Weights[t, s]), 5);
        // The shared piece's attention is split between "." and the closing quote.
        var last = Enumerable.Range(0, 7).Select(s => matrix.Weights[5, s]).ToArray();
        Assert.Equal(0.5f, last[4], 6);
        Assert.Equal(0.5f, last[5], 6);
    }

    [Fact]
    public void WhitespaceTokensAreTheTextsOwnTokens()
    {
        var codec = Codec(["je poursuis la lecture de les recommandations :"], merges: 20);

        var sentence = SegmentedSentence.Create(codec, "je poursuis la lecture de les recommandations de les commissaires :",
            WordTokenization.Whitespace);

        Assert.Equal(11, sentence.Words.Count);
        Assert.Equal(":", sentence.Words[^1]);
        Assert.Equal(["a", "b-c", "d'e"],
            SegmentedSentence.SplitWords("a b-c d'e", WordTokenization.Whitespace).Select(w => w.Text));
        Assert.Equal(["l'", "homme", ","], SegmentedSentence.SplitWords("l'homme,", WordTokenization.Words).Select(w => w.Text));
    }
}
