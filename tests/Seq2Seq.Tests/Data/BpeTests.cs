using Microsoft.ML.Tokenizers;
using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

public sealed class BpeTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static IEnumerable<string> AllBuiltInSentences() =>
        TestCorpora.EnglishFrench.SelectMany(p => new[] { p.English, p.French });

    [Fact]
    public void LearnsTheMostFrequentPairsWithOrdinalTieBreaks()
    {
        // Words (GPT-2 pre-tokens, Ġ = space): low ×1, Ġlow ×4, Ġlower ×2, Ġnewest ×6, Ġwidest ×3.
        // Pair counts: e s 9, s t 9 (tie: "e" < "s") → then es t 9 → l o 7, o w 7 (tie: "l" < "o") → lo w 7 →
        // five pairs at 6: Ġ low, Ġ n, n e, e w, w est; "e" < "n" < "w" < "Ġ" → e w → ew est → n ewest →
        // Ġ low and Ġ newest tie at 6, "low" < "newest".
        string corpus = "low" + string.Concat(Enumerable.Repeat(" low", 4)) + string.Concat(Enumerable.Repeat(" lower", 2))
                        + string.Concat(Enumerable.Repeat(" newest", 6)) + string.Concat(Enumerable.Repeat(" widest", 3));

        var model = BpeLearner.Learn([corpus], merges: 9);

        Assert.Equal(
            [("e", "s"), ("es", "t"), ("l", "o"), ("lo", "w"), ("e", "w"), ("ew", "est"), ("n", "ewest"), ("Ġ", "low"), ("Ġ", "newest")],
            model.Merges);
        Assert.Equal(256 + 9, model.Symbols.Count);
        Assert.Equal("Ġnewest", model.Symbols[^1]);
    }

    [Fact]
    public void LearningDependsOnlyOnTheWordCounts()
    {
        var sentences = AllBuiltInSentences().ToArray();

        var forward = BpeLearner.Learn(sentences, merges: 150);
        var backward = BpeLearner.Learn(sentences.Reverse(), merges: 150);

        Assert.Equal(forward.Merges, backward.Merges);
        Assert.Equal(forward.Symbols, backward.Symbols);
    }

    [Fact]
    public void StopsWhenNoPairOccursTwice()
    {
        var model = BpeLearner.Learn(["ab ab cd"], merges: 100);

        // "ab" ×1 and " ab" ×1 give a b ×2 → ab; then Ġ ab, Ġ c, c d occur once each.
        Assert.Equal([("a", "b")], model.Merges);
    }

    [Fact]
    public void TheLibraryAppliesTheLearnedMergesToTrainingWords()
    {
        // Words: the ×1, Ġcat ×3, Ġthe ×2, Ġsat ×1. Merges: a t (4), c at, h e, t he, Ġ cat (3), Ġ the (2);
        // Ġ s and s at occur once, so Ġsat stays Ġ + s + at.
        var model = BpeLearner.Learn(["the cat the cat the cat sat"], merges: 50);
        var tokenizer = SubwordTokenizer.Create(model);

        var pieces = tokenizer.Encode("the cat sat").Pieces;

        Assert.Equal([("a", "t"), ("c", "at"), ("h", "e"), ("t", "he"), ("Ġ", "cat"), ("Ġ", "the")], model.Merges);
        Assert.Equal(["the", "Ġcat", "Ġ", "s", "at"], pieces.Select(p => p.Value));
        Assert.Equal([(0, 3), (3, 4), (7, 1), (8, 1), (9, 2)], pieces.Select(p => (p.Start, p.Length)));
    }

    public static TheoryData<string> HardSentences() =>
    [
        "L'homme qu'il a vu aujourd'hui est arrivé jusqu'à l'hôtel.",
        "« Où êtes-vous ? » demanda-t-elle, émue.",
        "Ça coûte 12,50 € — n'est-ce pas trop ?",
        "  Deux   espaces\tet une\u00A0espace insécable  ",
        "我爱你。今天天气很好！",
        "I love pizza 🍕 and 😀! Bravo 👏🏽",
        "e\u0301te\u0301 décomposé",
    ];

    [Theory]
    [MemberData(nameof(HardSentences))]
    public void DecodingGivesBackTheNormalisedText(string text)
    {
        // Learned on French and English only: the Chinese and emoji bytes are still covered by the 256 byte symbols.
        var tokenizer = SubwordTokenizer.Create(BpeLearner.Learn(AllBuiltInSentences(), merges: 200));

        var encoded = tokenizer.Encode(text);

        Assert.Equal(TextNormalizer.Normalize(text), encoded.Text);
        Assert.Equal(encoded.Text, tokenizer.Decode(encoded.Pieces.Select(p => p.Value)));
    }

    [Fact]
    public void EverySentenceOfTheSampleCorpusRoundTrips()
    {
        var files = TestCorpora.SampleTsvFiles();
        var pairs = files.Count > 0
            ? files.SelectMany(file => CorpusReader.ReadTsv(file).Pairs).ToList()
            : [.. TestCorpora.EnglishFrench.Select(p => new SentencePair(p.English, p.French))];
        var sentences = pairs.SelectMany(p => new[] { p.Source, p.Target }).ToList();
        var tokenizer = SubwordTokenizer.Create(BpeLearner.Learn(sentences, merges: 500));

        var failures = sentences
            .Where(s => tokenizer.Decode(tokenizer.Encode(s).Pieces.Select(p => p.Value)) != s)
            .ToList();

        Assert.NotEmpty(sentences);
        Assert.Empty(failures);
    }

    [Fact]
    public void SavedFilesLoadBackToTheSamePieces()
    {
        var model = BpeLearner.Learn(AllBuiltInSentences(), merges: 120);
        string vocab = _dir.File("bpe.vocab.json"), merges = _dir.File("bpe.merges.txt");
        model.Save(vocab, merges);
        string text = "Lorsqu'il est arrivé à l'hôtel, 我爱你 😀.";

        var reloaded = SubwordTokenizer.Load(vocab, merges);

        Assert.Equal(model.Merges, reloaded.Model.Merges);
        Assert.Equal(model.Symbols, reloaded.Model.Symbols);
        Assert.Equal(SubwordTokenizer.Create(model).Encode(text), reloaded.Encode(text), EncodedSentenceComparer.Instance);
    }

    [Fact]
    public void SavedFilesAreReadByTheLibrarysOwnLoader()
    {
        var model = BpeLearner.Learn(AllBuiltInSentences(), merges: 120);
        string vocab = _dir.File("bpe.vocab.json"), merges = _dir.File("bpe.merges.txt");
        model.Save(vocab, merges);
        string text = "Jusqu'à l'été, il mangeait des crêpes. 今天";

        var library = BpeTokenizer.Create(new BpeOptions(vocab, merges) { ByteLevel = true, PreTokenizer = SubwordTokenizer.PreTokenizer });

        Assert.Equal(
            SubwordTokenizer.Create(model).Encode(text).Pieces.Select(p => p.Value),
            library.EncodeToTokens(text, out _).Select(t => t.Value));
    }

    [Fact]
    public void ReadableTextOfPieces()
    {
        var tokenizer = SubwordTokenizer.Create(BpeLearner.Learn(["été été"], merges: 10));
        var chinese = tokenizer.Encode("我").Pieces;

        Assert.Equal(" homme", ByteLevelAlphabet.Decode("Ġhomme"));
        Assert.Equal(["été"], tokenizer.Encode("été").Pieces.Select(p => ByteLevelAlphabet.Decode(p.Value)));
        Assert.Equal(3, chinese.Count);                                   // three UTF-8 bytes, never merged
        Assert.Equal("\uFFFD", ByteLevelAlphabet.Decode(chinese[0].Value));  // part of a character
        Assert.Equal("我", ByteLevelAlphabet.Decode(string.Concat(chinese.Select(p => p.Value))));
        Assert.Equal("<unk>", ByteLevelAlphabet.Decode("<unk>"));
    }

    [Fact]
    public void PiecesOfACharacterShareItsWholeSpan()
    {
        var tokenizer = SubwordTokenizer.Create(BpeLearner.Learn(["a b"], merges: 0));

        var pieces = tokenizer.Encode("é😀").Pieces;

        // é: two bytes, one UTF-16 character; 😀: four bytes, a surrogate pair.
        Assert.Equal([(0, 1), (0, 1), (1, 2), (1, 2), (1, 2), (1, 2)], pieces.Select(p => (p.Start, p.Length)));
    }

    [Fact]
    public void MergesFileWithAnUnknownResultNamesFileAndLine()
    {
        var model = BpeLearner.Learn(AllBuiltInSentences(), merges: 10);
        string vocab = _dir.File("v.json"), merges = _dir.File("m.txt");
        model.Save(vocab, merges);
        File.AppendAllText(merges, "zz qq\n");

        var error = Assert.Throws<UserException>(() => SubwordTokenizer.Load(vocab, merges));

        Assert.Equal($"{merges}:12: the merge result is not in v.json", error.Message);
    }

    [Fact]
    public void VocabFileThatIsNotJsonIsNamed()
    {
        string vocab = _dir.Write("v.json", "not json");
        string merges = _dir.Write("m.txt", "#version: 0.2\n");

        var error = Assert.Throws<UserException>(() => SubwordTokenizer.Load(vocab, merges));

        Assert.StartsWith($"{vocab}: expected a JSON object of symbol ids", error.Message);
    }

    private sealed class EncodedSentenceComparer : IEqualityComparer<EncodedSentence>
    {
        public static readonly EncodedSentenceComparer Instance = new();

        public bool Equals(EncodedSentence? x, EncodedSentence? y) =>
            x is not null && y is not null && x.Text == y.Text && x.Pieces.SequenceEqual(y.Pieces);

        public int GetHashCode(EncodedSentence obj) => obj.Text.GetHashCode();
    }
}
