using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

public sealed class SubwordWordMapTests
{
    private static int[] Map(string text, params (string Value, int Start, int Length)[] pieces) =>
        SubwordWordMap.Map(text, [.. pieces.Select(p => new SubwordPiece(p.Value, p.Start, p.Length))], WordTokenizer.Tokenize(text));

    [Fact]
    public void ElisionAndPunctuationPiecesGoToTheirOwnWords()
    {
        // Words: 0 qu'  1 il  2 dit  3 ,  4 l'  5 homme
        const string text = "qu'il dit, l'homme";

        int[] map = Map(text,
            ("qu", 0, 2), ("'", 2, 1), ("il", 3, 2), ("Ġd", 5, 2), ("it", 7, 2), (",", 9, 1),
            ("Ġl", 10, 2), ("'h", 12, 2), ("omme", 14, 4));

        // "'h" covers the apostrophe of l' and the h of homme: one character each, the first word wins.
        Assert.Equal([0, 0, 1, 2, 2, 3, 4, 4, 5], map);
    }

    [Fact]
    public void PieceMostlyInsideAWordBelongsToIt()
    {
        // Words: 0 l'  1 homme
        int[] map = Map("l'homme", ("l", 0, 1), ("'hom", 1, 4), ("me", 5, 2));

        Assert.Equal([0, 1, 1], map);
    }

    [Fact]
    public void WhitespaceOnlyPiecesAttachToTheNextWord()
    {
        // Words: 0 Un  1 «  2 chat  3 »
        int[] map = Map("Un « chat »", ("Un", 0, 2), ("Ġ", 2, 1), ("«", 3, 1), ("Ġ", 4, 1), ("chat", 5, 4), ("Ġ»", 9, 2));

        Assert.Equal([0, 1, 1, 2, 2, 3], map);
    }

    [Fact]
    public void RealTokenizerPiecesOfAccentsAndChineseMapToTheirWords()
    {
        var tokenizer = SubwordTokenizer.Create(BpeLearner.Learn(
            TestCorpora.EnglishFrench.Select(p => p.French), merges: 60));
        var encoded = tokenizer.Encode("L'été à Pékin : 我爱你 !");
        var words = WordTokenizer.Tokenize(encoded.Text);

        int[] map = SubwordWordMap.Map(encoded.Text, encoded.Pieces, words);

        Assert.Equal(["L'", "été", "à", "Pékin", ":", "我爱你", "!"], words.Select(w => w.Text));
        // Every piece maps to the word its characters come from, so each word's pieces decode back to the word
        // (with a leading space when the piece starts one).
        for (int w = 0; w < words.Count; w++)
        {
            var pieces = encoded.Pieces.Where((_, p) => map[p] == w).Select(p => p.Value);
            Assert.Equal(words[w].Text, tokenizer.Decode(pieces).Trim());
        }
        Assert.Equal(map.Order(), map);
    }
}
