using Seq2Seq.Data;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Train.Experiments;
using Seq2Seq.Tests.Training;

namespace Seq2Seq.Tests.Experiments;

/// <summary>The gold alignments of the main job are checked against the splits as prepared, before training.</summary>
public sealed class ExperimentGoldTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void GoldIsCheckedAgainstTheCarvedSplits()
    {
        var (options, data) = CarvedSplits();
        var test = data.Test!.Pairs;
        var dev = data.Dev!.Pairs;
        File.WriteAllLines(options.TestGold!, test.Select(LastWordLink));
        File.WriteAllLines(options.DevGold!, dev.Select(LastWordLink));

        var gold = ExperimentGold.Read(options, data);

        Assert.Equal(test.Count, gold.Test.Count);
        Assert.Equal(dev.Count, gold.Dev!.Count);
        Assert.Equal((Words(test[2].Source) - 1, Words(test[2].Target) - 1), gold.Test[2].Sure.Single());
    }

    [Fact]
    public void ALinkPastTheLastWordOfACarvedPairNamesTheGoldAndTheLine()
    {
        var (options, data) = CarvedSplits();
        var dev = data.Dev!.Pairs;
        File.WriteAllLines(options.TestGold!, data.Test!.Pairs.Select(LastWordLink));
        var lines = dev.Select(LastWordLink).ToArray();
        int words = Words(dev[2].Source);
        lines[2] = $"{words}-0";
        File.WriteAllLines(options.DevGold!, lines);

        var error = Assert.Throws<UserException>(() => ExperimentGold.Read(options, data));

        Assert.StartsWith($"{options.DevGold}:3: link {words}-0 (0-based) is outside the pair's {words} source", error.Message);
    }

    [Fact]
    public void AGoldWithTheLineCountOfTheWholeCorpusIsRejected()
    {
        var (options, data) = CarvedSplits();
        File.WriteAllLines(options.TestGold!, Enumerable.Repeat("0-0", 60));

        var error = Assert.Throws<UserException>(() => ExperimentGold.Read(options with { DevGold = null }, data));

        Assert.Equal($"{options.TestGold}: 60 lines, expected one per sentence pair ({data.Test!.Count})", error.Message);
    }

    /// <summary>The tiny corpus with its dev and test pairs carved out of the training file, prepared.</summary>
    private (AlignmentOptions Options, PreparedData Data) CarvedSplits()
    {
        TinyExperiment.WriteCorpus(_folder.Path);
        var config = TinyExperiment.Config(_folder.Path, TinyExperiment.Rnn(maxSteps: 1));
        config = config with { Data = config.Data with { Dev = null, Test = null, DevSize = 4, TestSize = 5 } };
        config.Validate();
        var options = config.Alignment! with { TestGold = _folder.File("carved-test.align"), DevGold = _folder.File("carved-dev.align") };
        return (options, TinyExperiment.Prepare(config, _folder.Path));
    }

    /// <summary>One sure link between the last source and the last target word.</summary>
    private static string LastWordLink(SentencePair pair) => $"{Words(pair.Source) - 1}-{Words(pair.Target) - 1}";

    private static int Words(string text) => WordTokenizer.Tokenize(TextNormalizer.Normalize(text)).Count;
}
