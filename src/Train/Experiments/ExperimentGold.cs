using Seq2Seq.Data;
using Seq2Seq.Train.Alignments;
using Seq2Seq.Train.Configuration;

namespace Seq2Seq.Train.Experiments;

/// <summary>
/// The gold word alignments of an experiment's test and dev splits, read and checked against the splits' pairs
/// together with the corpus, so that a bad gold file stops the job before any model trains.
/// </summary>
public sealed class ExperimentGold
{
    private ExperimentGold(IReadOnlyList<GoldAlignment> test, IReadOnlyList<GoldAlignment>? dev, ComparisonOptions options)
    {
        Test = test;
        Dev = dev;
        Options = options;
    }

    /// <summary>One gold alignment per test pair.</summary>
    public IReadOnlyList<GoldAlignment> Test { get; }

    /// <summary>One gold alignment per dev pair; null without <c>alignment.devGold</c>.</summary>
    public IReadOnlyList<GoldAlignment>? Dev { get; }

    /// <summary>How the comparison names the splits and the gold files.</summary>
    public ComparisonOptions Options { get; }

    /// <summary>Reads the gold files of <paramref name="options"/> and checks them against the prepared splits.</summary>
    /// <param name="options">A validated alignment section (its test gold set, a dev split for its dev gold).</param>
    /// <param name="data">The prepared corpus, with the test split (and the dev split if there is a dev gold).</param>
    /// <exception cref="UserException">A gold file is missing or malformed, has a line count other than its split's
    /// pair count, or a link outside its pair's words (the message names the file and line).</exception>
    public static ExperimentGold Read(AlignmentOptions options, PreparedData data)
    {
        var test = data.Test ?? throw new InvalidOperationException("gold alignments need the test split");
        var comparison = new ComparisonOptions
        {
            Figures = options.Figures, TestName = "test split", DevName = "dev split",
            TestGoldName = options.TestGold!, DevGoldName = options.DevGold ?? "dev gold",
        };
        var gold = new ExperimentGold(GoldAlignmentReader.Read(options.TestGold!, options.ZeroBased),
            options.DevGold is null ? null : GoldAlignmentReader.Read(options.DevGold, options.ZeroBased), comparison);
        AlignmentComparison.Check(data.Codecs, test.Pairs, gold.Test, data.Dev?.Pairs, gold.Dev, comparison);
        return gold;
    }
}
