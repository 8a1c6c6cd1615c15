using Seq2Seq.Train.Alignments;

namespace Seq2Seq.Tests.Alignments;

public sealed class DiagonalAlignerTests
{
    [Fact]
    public void LinksEachTargetWordToTheSourceWordUnderItsCentre()
    {
        // |s| = 3, |t| = 6: ⌊(2t + 1)·3/12⌋ for t = 0..5 = ⌊3/12⌋ ⌊9/12⌋ ⌊15/12⌋ ⌊21/12⌋ ⌊27/12⌋ ⌊33/12⌋ = 0 0 1 1 2 2.
        Assert.Equal([0, 0, 1, 1, 2, 2], DiagonalAligner.Align(3, 6).Select(l => l.Source));
        // |s| = 6, |t| = 3: ⌊(2t + 1)·6/6⌋ = 1 3 5 (1-based: French j ↦ ⌊(j − ½)·2⌋ + 1 = 2 4 6).
        Assert.Equal([1, 3, 5], DiagonalAligner.Align(6, 3).Select(l => l.Source));
        Assert.Equal([0, 1, 2], DiagonalAligner.Align(6, 3).Select(l => l.Target));
        Assert.Empty(DiagonalAligner.Align(0, 4));
        Assert.Empty(DiagonalAligner.Align(4, 0));
    }

    /// <summary>
    /// The reference check on the WPT03 English–French test set (447 sentences; gold 1-based, English index first,
    /// i-j sure and ipj possible; 4,038 sure and 13,400 possible-only links): French word j ↦ English word
    /// ⌊(j − ½)·|e|/|f|⌋ + 1 scores AER 53.84, precision 49.03, recall 40.64.
    /// </summary>
    [SharedCorpusFact(SharedCorpus.Hansards)]
    public void DiagonalBaselineOnTheHansardsTestSet()
    {
        string folder = SharedCorpus.Folder(SharedCorpus.Hansards)!;
        string[] english = File.ReadAllLines(Path.Combine(folder, "test.en"));
        string[] french = File.ReadAllLines(Path.Combine(folder, "test.fr"));
        IReadOnlyList<GoldAlignment> gold =
            GoldAlignmentReader.Read(Path.Combine(folder, "test.enfr.gold.talp"), zeroBased: false);

        // English is the gold's first index, so it plays the source here and French the target.
        var predicted = english.Zip(french, (e, f) => DiagonalAligner.Align(WordCount(e), WordCount(f))).ToArray();
        AlignmentScore score = AlignmentScorer.Score(predicted, gold);

        Assert.Equal(447, score.Sentences);
        Assert.Equal(4038, score.Sure);
        Assert.Equal(4038 + 13400, score.Possible);
        Assert.Equal(7761, score.Predicted);   // one link per French token
        Assert.Equal(53.84, Math.Round(score.Aer, 2));
        Assert.Equal(49.03, Math.Round(score.Precision, 2));
        Assert.Equal(40.64, Math.Round(score.Recall, 2));
    }

    [SharedCorpusFact(SharedCorpus.Hansards)]
    public void HansardsTrialGoldReadsWithItsLinkCounts()
    {
        IReadOnlyList<GoldAlignment> trial =
            GoldAlignmentReader.Read(Path.Combine(SharedCorpus.Folder(SharedCorpus.Hansards)!, "trial.enfr.gold.talp"), zeroBased: false);

        Assert.Equal(37, trial.Count);
        Assert.Equal(338, trial.Sum(g => g.Sure.Count));
        Assert.Equal(338 + 1446, trial.Sum(g => g.Possible.Count));
    }

    private static int WordCount(string line) =>
        line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
