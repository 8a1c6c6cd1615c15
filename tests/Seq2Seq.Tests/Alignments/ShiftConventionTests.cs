using Seq2Seq.Train.Alignments;

namespace Seq2Seq.Tests.Alignments;

public sealed class ShiftConventionTests
{
    // Teacher forcing on y_1..y_3: steps t = 0..3 with inputs <s>, y1, y2, y3 predicting y1, y2, y3, </s>.
    // Each row is one-hot so the rows can be told apart: step t attends to source word t.
    private static readonly float[,] Steps =
    {
        { 1, 0, 0, 0 },   // t = 0: input <s>, predicts y1
        { 0, 1, 0, 0 },   // t = 1: input y1,  predicts y2
        { 0, 0, 1, 0 },   // t = 2: input y2,  predicts y3
        { 0, 0, 0, 1 },   // t = 3: input y3,  predicts </s>
    };

    [Fact]
    public void NaiveTakesTheRowOfTheStepThatPredictsTheWord()
    {
        float[,] words = ShiftConvention.Select(Steps, AttentionConvention.Naive);

        // y_i <- row i − 1: rows 0, 1, 2.
        Assert.Equal([new AlignmentLink(0, 0), new AlignmentLink(1, 1), new AlignmentLink(2, 2)],
            HardAligner.Align(words, EosColumn.Absent));
    }

    [Fact]
    public void ShiftedTakesTheRowOfTheStepWhoseInputIsTheWord()
    {
        float[,] words = ShiftConvention.Select(Steps, AttentionConvention.Shifted);

        // y_i <- row i: rows 1, 2, 3.
        Assert.Equal(3, words.GetLength(0));
        Assert.Equal([new AlignmentLink(1, 0), new AlignmentLink(2, 1), new AlignmentLink(3, 2)],
            HardAligner.Align(words, EosColumn.Absent));
    }

    [Fact]
    public void AnEmptyTargetKeepsNoRow()
    {
        float[,] onlyEos = { { 0.5f, 0.5f } };

        Assert.Equal(0, ShiftConvention.Select(onlyEos, AttentionConvention.Naive).GetLength(0));
        Assert.Equal(0, ShiftConvention.Select(onlyEos, AttentionConvention.Shifted).GetLength(0));
        Assert.Throws<ArgumentException>(() => ShiftConvention.Select(new float[0, 2], AttentionConvention.Naive));
    }
}
