using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

public sealed class DataPreparationTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteTsv(string name, IEnumerable<(string English, string French)> pairs) =>
        _dir.Write(name, string.Concat(pairs.Select(p => $"{p.English}\t{p.French}\n")));

    private string Out => _dir.File("prepared");

    [Fact]
    public void PreparesEncodesAndSummarisesEverySplit()
    {
        string train = WriteTsv("train.tsv", [.. TestCorpora.EnglishFrench, ("", "vide"), (string.Concat(Enumerable.Repeat("very ", 60)), "long")]);
        string dev = WriteTsv("dev.tsv", [("The dog sleeps.", "Le chien dort."), ("", "")]);
        var options = new DataOptions
        {
            Train = CorpusSource.FromTsv(train),
            Dev = CorpusSource.FromTsv(dev),
            Merges = 300,
            MaxLength = 40,
        };

        var prepared = DataPreparation.Prepare(options, Out);

        Assert.Equal(
            [
                new SplitSummary("train", train, 14, 12, 1, 1, 0),
                new SplitSummary("dev", dev, 2, 1, 1, 0, 0),
            ],
            prepared.Summary);
        Assert.Null(prepared.Test);
        Assert.True(prepared.Codecs.Joint);
        Assert.Equal(
            ["bpe.vocab.json", "bpe.merges.txt", "vocab.source.json", "vocab.target.json"],
            prepared.Files);
        Assert.All(prepared.Files, name => Assert.True(File.Exists(Path.Combine(Out, name)), name));
        Assert.Equal(
            prepared.Train.Pairs.Select(p => p.Target),
            prepared.Train.TargetIds.Select(ids => prepared.Codecs.Target.Decode(ids)));
        Assert.Equal("Le chien dort.", prepared.Codecs.Target.Decode(prepared.Dev!.TargetIds[0]));
    }

    [Fact]
    public void AnEpochOfBatchesCoversTheTrainingSplitOnce()
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        string train = WriteTsv("train.tsv", TestCorpora.EnglishFrench);
        var prepared = DataPreparation.Prepare(new DataOptions { Train = CorpusSource.FromTsv(train), Merges = 100 }, Out);
        var split = prepared.Train;

        var seen = new List<int>();
        foreach (int[] indices in split.Sampler(BatchSize.Tokens(60), seed: 1).Batches(epoch: 0))
        {
            using var batch = split.Batch(indices);
            long[] targetOut = batch.TargetOut.data<long>().ToArray();
            long width = batch.TargetOut.shape[1];
            for (int row = 0; row < indices.Length; row++)
            {
                var ids = targetOut.Skip(row * (int)width).Take((int)width).Select(id => (int)id);
                Assert.Equal(split.Pairs[indices[row]].Target, prepared.Codecs.Target.Decode(ids));
            }
            seen.AddRange(batch.PairIndices);
        }

        Assert.Equal(Enumerable.Range(0, split.Count), seen.Order());
    }

    [Fact]
    public void OptionsBindFromTheJsonConfigurationSection()
    {
        const string json = """
            {
              "train": { "source": "train.en", "target": "train.fr" },
              "test": { "tsv": "test.tsv" },
              "devSize": 500,
              "merges": 10000,
              "joint": false,
              "minFrequency": 2,
              "maxLength": 80
            }
            """;

        var options = System.Text.Json.JsonSerializer.Deserialize<DataOptions>(json,
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

        Assert.Equal(
            new DataOptions
            {
                Train = CorpusSource.FromFiles("train.en", "train.fr"),
                Test = CorpusSource.FromTsv("test.tsv"),
                DevSize = 500,
                Merges = 10000,
                Joint = false,
                MinFrequency = 2,
                MaxLength = 80,
            },
            options);
        Assert.Equal(DataOptions.DefaultSplitSeed, options.SplitSeed);
    }

    [Fact]
    public void SummaryAccountsForEveryLine()
    {
        string train = WriteTsv("train.tsv", [.. TestCorpora.EnglishFrench, ("", "x"), (string.Concat(Enumerable.Repeat("a ", 40)), "x")]);
        var options = new DataOptions { Train = CorpusSource.FromTsv(train), DevSize = 3, TestSize = 2, Merges = 100, MaxLength = 35 };

        var prepared = DataPreparation.Prepare(options, Out);

        Assert.All(prepared.Summary, s => Assert.Equal(s.Read, s.Kept + s.EmptySkipped + s.TooLong + s.CarvedOut));
        Assert.Equal(5, prepared.Summary[0].CarvedOut);
        Assert.Equal(1, prepared.Summary[0].EmptySkipped);
        Assert.Equal([3, 2], prepared.Summary.Skip(1).Select(s => s.Kept));
        Assert.Equal($"carved from {train}", prepared.Summary[1].Origin);
        Assert.Empty(prepared.Train.Pairs.Intersect(prepared.Dev!.Pairs.Concat(prepared.Test!.Pairs)));
    }

    [Fact]
    public void MaximumLengthIsCountedInPiecesOnTrainingOnly()
    {
        string train = WriteTsv("train.tsv", [("a b c", "x y z"), ("a b c d e", "x"), ("a", "x y z w v"), ("a b", "x y")]);
        string test = WriteTsv("test.tsv", [("a b c d e f g", "x y z w v u t")]);
        var options = new DataOptions { Train = CorpusSource.FromTsv(train), Test = CorpusSource.FromTsv(test), Merges = 0, MaxLength = 3 };

        var prepared = DataPreparation.Prepare(options, Out);

        // With no merges every character is a piece: "a b c" = a, Ġ, b, Ġ, c = 5 pieces; "a b" = 3.
        Assert.Equal([new SentencePair("a b", "x y")], prepared.Train.Pairs);
        Assert.Equal(3, prepared.Summary[0].TooLong);
        Assert.Equal(13, prepared.Test!.SourceIds[0].Length);
    }

    [Fact]
    public void SeparateModelsAreLearnedPerSideAndSavedUnderTheirOwnNames()
    {
        string train = WriteTsv("train.tsv", TestCorpora.EnglishFrench);
        var options = new DataOptions { Train = CorpusSource.FromTsv(train), Merges = 80, Joint = false };

        var prepared = DataPreparation.Prepare(options, Out);

        Assert.False(prepared.Codecs.Joint);
        Assert.NotEqual(prepared.Codecs.Source.Tokenizer.Model.Merges, prepared.Codecs.Target.Tokenizer.Model.Merges);
        Assert.Equal(
            ["bpe.source.vocab.json", "bpe.source.merges.txt", "bpe.target.vocab.json", "bpe.target.merges.txt", "vocab.source.json", "vocab.target.json"],
            prepared.Files);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CodecsLoadedFromTheFolderGiveTheSameIds(bool joint)
    {
        string train = WriteTsv("train.tsv", TestCorpora.EnglishFrench);
        var prepared = DataPreparation.Prepare(new DataOptions { Train = CorpusSource.FromTsv(train), Merges = 100, Joint = joint }, Out);
        const string english = "The girl's dog sees 我 at 7:30.", french = "Lorsqu'il voit l'été à Pékin 😀.";

        var loaded = SentenceCodecs.Load(Out);

        Assert.Equal(joint, loaded.Joint);
        Assert.Equal(prepared.Codecs.Source.Encode(english), loaded.Source.Encode(english));
        Assert.Equal(prepared.Codecs.Target.Encode(french), loaded.Target.Encode(french));
        Assert.Equal(prepared.Codecs.Target.Vocabulary.Tokens, loaded.Target.Vocabulary.Tokens);
    }

    [Fact]
    public void SavingTheOtherLayoutRemovesStaleModelFiles()
    {
        string train = WriteTsv("train.tsv", TestCorpora.EnglishFrench);
        DataPreparation.Prepare(new DataOptions { Train = CorpusSource.FromTsv(train), Merges = 30, Joint = true }, Out);

        DataPreparation.Prepare(new DataOptions { Train = CorpusSource.FromTsv(train), Merges = 30, Joint = false }, Out);

        Assert.False(File.Exists(Path.Combine(Out, SentenceCodecs.JointBpeVocab)));
        Assert.False(SentenceCodecs.Load(Out).Joint);
    }

    [Fact]
    public void LoadingFromAFolderWithoutModelIsAnError()
    {
        var error = Assert.Throws<UserException>(() => SentenceCodecs.Load(_dir.Path));

        Assert.StartsWith($"{_dir.Path}: no BPE model", error.Message);
    }

    [Fact]
    public void VocabularyPieceOutsideTheBpeModelIsNamed()
    {
        string train = WriteTsv("train.tsv", TestCorpora.EnglishFrench);
        DataPreparation.Prepare(new DataOptions { Train = CorpusSource.FromTsv(train), Merges = 30 }, Out);
        string vocabulary = Path.Combine(Out, SentenceCodecs.TargetVocabulary);
        File.WriteAllText(vocabulary, "{\"minFrequency\": 1, \"tokens\": [\"<pad>\", \"<unk>\", \"<s>\", \"</s>\", \"Ġnotapiece\"]}");

        var error = Assert.Throws<UserException>(() => SentenceCodecs.Load(Out));

        Assert.Equal($"{vocabulary}: token 4 (\"Ġnotapiece\") is not a piece of the BPE model", error.Message);
    }

    [Theory]
    [InlineData(-1, 1, 1, "data.merges: expected an integer of at least 0, found -1")]
    [InlineData(10, 0, 1, "data.minFrequency: expected an integer of at least 1, found 0")]
    [InlineData(10, 1, 0, "data.maxLength: expected an integer of at least 1, found 0")]
    public void InvalidOptionsNameTheirKey(int merges, int minFrequency, int maxLength, string message)
    {
        var options = new DataOptions
        {
            Train = CorpusSource.FromTsv("unused.tsv"), Merges = merges, MinFrequency = minFrequency, MaxLength = maxLength,
        };

        var error = Assert.Throws<UserException>(() => DataPreparation.Prepare(options, Out));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void CarvingAndADevFileTogetherIsAnError()
    {
        var options = new DataOptions { Train = CorpusSource.FromTsv("a.tsv"), Dev = CorpusSource.FromTsv("b.tsv"), DevSize = 5 };

        var error = Assert.Throws<UserException>(() => DataPreparation.Prepare(options, Out));

        Assert.Equal("data.dev and data.devSize: expected a dev corpus or a size to carve, not both", error.Message);
    }

    [SharedCorpusFact(SharedCorpus.Multi30kEnFr)]
    public void Multi30kPreparesWhenTheSharedCorpusIsPresent()
    {
        string folder = SharedCorpus.Folder(SharedCorpus.Multi30kEnFr)!;
        var options = new DataOptions
        {
            Train = CorpusSource.FromFiles(Path.Combine(folder, "val.en"), Path.Combine(folder, "val.fr")),
            Test = CorpusSource.FromFiles(Path.Combine(folder, "test2016.en"), Path.Combine(folder, "test2016.fr")),
            Merges = 1000,
        };

        var prepared = DataPreparation.Prepare(options, Out);

        Assert.Equal(new SplitSummary("train", options.Train.ToString(), 1014, 1014, 0, 0, 0), prepared.Summary[0]);
        Assert.Equal(1000, prepared.Test!.Count);
        Assert.Equal(prepared.Test.Pairs.Select(p => p.Source), prepared.Test.Pairs.Select(p => prepared.Codecs.Source.Tokenizer
            .Decode(prepared.Codecs.Source.Tokenizer.Encode(p.Source).Pieces.Select(x => x.Value))));
    }
}
