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
        options.Validate();
        var trainRead = CorpusReader.Read(options.Train);
        var devRead = options.Dev is null ? null : CorpusReader.Read(options.Dev);
        var testRead = options.Test is null ? null : CorpusReader.Read(options.Test);

        var trainPairs = trainRead.Pairs;
        IReadOnlyList<SentencePair>? devPairs = devRead?.Pairs, testPairs = testRead?.Pairs;
        int carvedOut = options.DevSize + options.TestSize;
        if (carvedOut > 0)
        {
            var carved = CorpusSplitter.Carve(trainRead.Pairs, options.DevSize, options.TestSize, options.SplitSeed);
            trainPairs = carved.Train;
            devPairs = options.DevSize > 0 ? carved.Dev : devPairs;
            testPairs = options.TestSize > 0 ? carved.Test : testPairs;
        }

        var (sourceTokenizer, targetTokenizer) = LearnTokenizers(trainPairs, options);

        // Training pairs: encode, filter by length, then build the vocabularies from what is kept.
        var kept = new List<(SentencePair Pair, EncodedSentence Source, EncodedSentence Target)>(trainPairs.Count);
        foreach (var pair in trainPairs)
        {
            var source = sourceTokenizer.Encode(pair.Source);
            var target = targetTokenizer.Encode(pair.Target);
            if (source.Pieces.Count <= options.MaxLength && target.Pieces.Count <= options.MaxLength)
                kept.Add((pair, source, target));
        }
        if (kept.Count == 0)
            throw new UserException($"{options.Train}: no training pair has at most {options.MaxLength} pieces per side");
        var sourceVocabulary = Vocabulary.Build(kept.Select(k => Values(k.Source)), options.MinFrequency);
        var targetVocabulary = Vocabulary.Build(kept.Select(k => Values(k.Target)), options.MinFrequency);
        var codecs = new SentenceCodecs(
            new SentenceCodec(sourceTokenizer, sourceVocabulary),
            new SentenceCodec(targetTokenizer, targetVocabulary));

        var train = new EncodedSplit
        {
            Name = "train",
            Pairs = [.. kept.Select(k => k.Pair)],
            SourceIds = [.. kept.Select(k => sourceVocabulary.Encode(Values(k.Source)))],
            TargetIds = [.. kept.Select(k => targetVocabulary.Encode(Values(k.Target)))],
        };
        var dev = devPairs is null ? null : Encode("dev", devPairs, codecs);
        var test = testPairs is null ? null : Encode("test", testPairs, codecs);

        var summary = new List<SplitSummary>
        {
            new("train", options.Train.ToString(), trainRead.LinesRead, train.Count, trainRead.EmptySkipped,
                trainPairs.Count - train.Count, carvedOut),
        };
        if (dev is not null)
            summary.Add(Summarize(dev, options.DevSize > 0 ? null : devRead, options.Dev, options.Train));
        if (test is not null)
            summary.Add(Summarize(test, options.TestSize > 0 ? null : testRead, options.Test, options.Train));

        var files = codecs.Save(outDir);
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
