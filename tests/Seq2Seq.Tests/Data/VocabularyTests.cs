using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

public sealed class VocabularyTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[][] Sentences =
    [
        ["Ġthe", "Ġcat", "."],
        ["Ġthe", "Ġdog", "."],
        ["Ġa", "Ġcat", "Ġand", "Ġthe", "Ġbird"],
    ];

    [Fact]
    public void SpecialsComeFirstThenPiecesByFrequencyThenOrdinal()
    {
        var vocabulary = Vocabulary.Build(Sentences);

        Assert.Equal(["<pad>", "<unk>", "<s>", "</s>", "Ġthe", ".", "Ġcat", "Ġa", "Ġand", "Ġbird", "Ġdog"], vocabulary.Tokens);
        Assert.Equal(SpecialTokens.Pad, vocabulary.Tokens.ToList().IndexOf(SpecialTokens.PadToken));
        Assert.Equal(SpecialTokens.Eos, vocabulary.Tokens.ToList().IndexOf(SpecialTokens.EosToken));
    }

    [Fact]
    public void MinimumFrequencyDropsRarePiecesToUnk()
    {
        var vocabulary = Vocabulary.Build(Sentences, minFrequency: 2);

        Assert.Equal(["<pad>", "<unk>", "<s>", "</s>", "Ġthe", ".", "Ġcat"], vocabulary.Tokens);
        Assert.Equal([4, 6, 1, 1], vocabulary.Encode(["Ġthe", "Ġcat", "Ġdog", "Ġunseen"]));
    }

    [Fact]
    public void TextThatLooksLikeASpecialTokenIsAPieceNotTheSpecial()
    {
        var vocabulary = Vocabulary.Build([["<s>", "Ġhello", "</s>"]]);

        Assert.NotEqual(SpecialTokens.Bos, vocabulary.IdOf("<s>"));
        Assert.NotEqual(SpecialTokens.Eos, vocabulary.IdOf("</s>"));
        Assert.Equal("<s>", vocabulary.TokenOf(vocabulary.IdOf("<s>")));
    }

    [Fact]
    public void UnseenCharactersBecomeUnk()
    {
        var tokenizer = SubwordTokenizer.Create(BpeLearner.Learn(
            TestCorpora.EnglishFrench.Select(p => p.French), merges: 100));
        var vocabulary = Vocabulary.Build(TestCorpora.EnglishFrench.Select(p => tokenizer.Encode(p.French).Pieces.Select(x => x.Value)));
        var codec = new SentenceCodec(tokenizer, vocabulary);

        int[] ids = codec.Encode("L'homme 我 voit");

        Assert.Contains(SpecialTokens.Unk, ids);
        Assert.DoesNotContain(SpecialTokens.Unk, codec.Encode("L'homme voit"));
        // " 我" is the space piece (seen) and three bytes never seen in French.
        Assert.Equal("L'homme <unk><unk><unk> voit", codec.Decode(ids));
    }

    [Fact]
    public void DecodeStopsAtEndOfSentenceAndSkipsPaddingAndStart()
    {
        var tokenizer = SubwordTokenizer.Create(BpeLearner.Learn(["le chat le chat"], merges: 20));
        var codec = new SentenceCodec(tokenizer, Vocabulary.Build([tokenizer.Encode("le chat").Pieces.Select(p => p.Value)]));
        int[] sentence = codec.Encode("le chat");

        string decoded = codec.Decode([SpecialTokens.Bos, .. sentence, SpecialTokens.Eos, .. sentence, SpecialTokens.Pad]);

        Assert.Equal("le chat", decoded);
    }

    [Fact]
    public void SavedVocabularyLoadsBackToTheSameIds()
    {
        var vocabulary = Vocabulary.Build(Sentences, minFrequency: 1);
        string path = _dir.File("vocab.source.json");

        vocabulary.Save(path);
        var loaded = Vocabulary.Load(path);

        Assert.Equal(vocabulary.Tokens, loaded.Tokens);
        Assert.Equal(1, loaded.MinFrequency);
        Assert.Equal(vocabulary.Encode(["Ġbird", "Ġcat", "?"]), loaded.Encode(["Ġbird", "Ġcat", "?"]));
    }

    [Theory]
    [InlineData("{\"minFrequency\": 1, \"tokens\": [\"<unk>\", \"<pad>\", \"<s>\", \"</s>\"]}", "expected \"tokens\" to start with <pad>, <unk>, <s>, </s>")]
    [InlineData("{\"minFrequency\": 1, \"tokens\": [\"<pad>\", \"<unk>\", \"<s>\", \"</s>\", \"a\", \"b\", \"a\"]}", "token 6 (\"a\") appears twice")]
    [InlineData("{\"minFrequency\": 0, \"tokens\": [\"<pad>\", \"<unk>\", \"<s>\", \"</s>\"]}", "expected \"minFrequency\" to be at least 1, found 0")]
    public void InvalidVocabularyFilesAreNamed(string json, string problem)
    {
        string path = _dir.Write("vocab.json", json);

        var error = Assert.Throws<UserException>(() => Vocabulary.Load(path));

        Assert.Equal($"{path}: {problem}", error.Message);
    }
}
