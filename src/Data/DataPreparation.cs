namespace Seq2Seq.Data;

/// <summary>
/// The one entry point from corpus files to batches, used by the <c>prepare</c> command and by training: read and
/// check every split, carve dev/test if asked, learn BPE on the training split only, filter over-long training
/// pairs, build the vocabularies from the kept training pairs, encode every split, and write the tokenizer and
/// vocabulary files (<see cref="SentenceCodecs"/>) to the output folder.
/// </summary>
public static class DataPreparation
{
    public static PreparedData Prepare(DataOptions options, string outDir)
    {
        var splits = ReadSplits(options);
        var (sourceTokenizer, targetTokenizer) = LearnTokenizers(splits.Train, options);
        var kept = FilterByLength(splits.Train, sourceTokenizer, targetTokenizer, options);
        var codecs = new SentenceCodecs(
            new SentenceCodec(sourceTokenizer, Vocabulary.Build(kept.Select(k => Values(k.Source)), options.MinFrequency)),
            new SentenceCodec(targetTokenizer, Vocabulary.Build(kept.Select(k => Values(k.Target)), options.MinFrequency)));
        var files = codecs.Save(outDir);
        return Assemble(options, splits, kept, codecs, files);
    }

    /// <summary>
    /// Reads and encodes the corpus again with codecs saved by an earlier <see cref="Prepare"/> (to resume training):
    /// the same splits, the same filtering and the same ids, without learning anything or writing files.
    /// </summary>
    public static PreparedData Reload(DataOptions options, SentenceCodecs codecs)
    {
        var splits = ReadSplits(options);
        var kept = FilterByLength(splits.Train, codecs.Source.Tokenizer, codecs.Target.Tokenizer, options);
        return Assemble(options, splits, kept, codecs, []);
    }

    /// <summary>The pairs of each split after reading (and carving); training pairs before the length filter.</summary>
    private sealed record Splits(CorpusReadResult TrainRead, IReadOnlyList<SentencePair> Train,
        CorpusReadResult? DevRead, IReadOnlyList<SentencePair>? Dev, CorpusReadResult? TestRead,
        IReadOnlyList<SentencePair>? Test);

    private static Splits ReadSplits(DataOptions options)
    {
        options.Validate();
        var trainRead = CorpusReader.Read(options.Train);
        var devRead = options.Dev is null ? null : CorpusReader.Read(options.Dev);
        var testRead = options.Test is null ? null : CorpusReader.Read(options.Test);
        if (options.DevSize + options.TestSize == 0)
            return new Splits(trainRead, trainRead.Pairs, devRead, devRead?.Pairs, testRead, testRead?.Pairs);
        var carved = CorpusSplitter.Carve(trainRead.Pairs, options.DevSize, options.TestSize, options.SplitSeed);
        return new Splits(trainRead, carved.Train,
            devRead, options.DevSize > 0 ? carved.Dev : devRead?.Pairs,
            testRead, options.TestSize > 0 ? carved.Test : testRead?.Pairs);
    }

    /// <summary>Training pairs whose sides have at most <see cref="DataOptions.MaxLength"/> pieces.</summary>
    private static List<(SentencePair Pair, EncodedSentence Source, EncodedSentence Target)> FilterByLength(
        IReadOnlyList<SentencePair> pairs, SubwordTokenizer sourceTokenizer, SubwordTokenizer targetTokenizer,
        DataOptions options)
    {
        var kept = new List<(SentencePair Pair, EncodedSentence Source, EncodedSentence Target)>(pairs.Count);
        foreach (var pair in pairs)
        {
            var source = sourceTokenizer.Encode(pair.Source);
            var target = targetTokenizer.Encode(pair.Target);
            if (source.Pieces.Count <= options.MaxLength && target.Pieces.Count <= options.MaxLength)
                kept.Add((pair, source, target));
        }
        if (kept.Count == 0)
            throw new UserException($"{options.Train}: no training pair has at most {options.MaxLength} pieces per side");
        return kept;
    }

    private static PreparedData Assemble(DataOptions options, Splits splits,
        List<(SentencePair Pair, EncodedSentence Source, EncodedSentence Target)> kept, SentenceCodecs codecs,
        IReadOnlyList<string> files)
    {
        var train = new EncodedSplit
        {
            Name = "train",
            Pairs = [.. kept.Select(k => k.Pair)],
            SourceIds = [.. kept.Select(k => codecs.Source.Vocabulary.Encode(Values(k.Source)))],
            TargetIds = [.. kept.Select(k => codecs.Target.Vocabulary.Encode(Values(k.Target)))],
        };
        var dev = splits.Dev is null ? null : Encode("dev", splits.Dev, codecs);
        var test = splits.Test is null ? null : Encode("test", splits.Test, codecs);

        var summary = new List<SplitSummary>
        {
            new("train", options.Train.ToString(), splits.TrainRead.LinesRead, train.Count,
                splits.TrainRead.EmptySkipped, splits.Train.Count - train.Count, options.DevSize + options.TestSize),
        };
        if (dev is not null)
            summary.Add(Summarize(dev, options.DevSize > 0 ? null : splits.DevRead, options.Dev, options.Train));
        if (test is not null)
            summary.Add(Summarize(test, options.TestSize > 0 ? null : splits.TestRead, options.Test, options.Train));
        return new PreparedData { Codecs = codecs, Train = train, Dev = dev, Test = test, Summary = summary, Files = files };
    }

    private static (SubwordTokenizer Source, SubwordTokenizer Target) LearnTokenizers(
        IReadOnlyList<SentencePair> pairs, DataOptions options)
    {
        if (options.Joint)
        {
            var joint = SubwordTokenizer.Create(
                BpeLearner.Learn(pairs.SelectMany(p => new[] { p.Source, p.Target }), options.Merges));
            return (joint, joint);
        }
        return (SubwordTokenizer.Create(BpeLearner.Learn(pairs.Select(p => p.Source), options.Merges)),
                SubwordTokenizer.Create(BpeLearner.Learn(pairs.Select(p => p.Target), options.Merges)));
    }

    private static EncodedSplit Encode(string name, IReadOnlyList<SentencePair> pairs, SentenceCodecs codecs) => new()
    {
        Name = name,
        Pairs = pairs,
        SourceIds = [.. pairs.Select(p => codecs.Source.Encode(p.Source))],
        TargetIds = [.. pairs.Select(p => codecs.Target.Encode(p.Target))],
    };

    /// <summary>The summary of a dev or test split, read from <paramref name="source"/> or, when
    /// <paramref name="read"/> is null, carved out of <paramref name="train"/>.</summary>
    private static SplitSummary Summarize(EncodedSplit split, CorpusReadResult? read, CorpusSource? source, CorpusSource train) =>
        read is null
            ? new SplitSummary(split.Name, $"carved from {train}", split.Count, split.Count, 0, 0, 0)
            : new SplitSummary(split.Name, $"{source}", read.LinesRead, split.Count, read.EmptySkipped, 0, 0);

    private static IEnumerable<string> Values(EncodedSentence sentence) => sentence.Pieces.Select(p => p.Value);
}
