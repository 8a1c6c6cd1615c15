using Seq2Seq.Train.Alignments;

namespace Seq2Seq.Tests.Alignments;

public sealed class HardAlignerTests
{
    [Fact]
    public void LinksEachTargetWordToItsArgmaxSourceWord()
    {
        float[,] weights =
        {
            { 0.7f, 0.2f, 0.1f },   // y0 -> x0
            { 0.1f, 0.3f, 0.6f },   // y1 -> x2
            { 0.4f, 0.4f, 0.2f },   // y2: tie between x0 and x1 -> the lower index, x0
        };

        IReadOnlyList<AlignmentLink> links = HardAligner.Align(weights, EosColumn.Absent);

        Assert.Equal([new AlignmentLink(0, 0), new AlignmentLink(2, 1), new AlignmentLink(0, 2)], links);
        Assert.Equal("0-0 2-1 0-2", PharaohWriter.Format(links));
    }

    [Fact]
    public void ArgmaxOnTheEosColumnLeavesTheWordUnaligned()
    {
        float[,] weights =
        {
            { 0.6f, 0.1f, 0.3f },   // y0 -> x0
            { 0.1f, 0.2f, 0.7f },   // y1 -> </s>: unaligned
        };

        Assert.Equal([new AlignmentLink(0, 0)], HardAligner.Align(weights, EosColumn.LeavesUnaligned));
        // Absent: the last column is an ordinary word.
        Assert.Equal([new AlignmentLink(0, 0), new AlignmentLink(2, 1)], HardAligner.Align(weights, EosColumn.Absent));
    }

    [Fact]
    public void ExcludedEosColumnAlignsEveryWordToItsBestWordColumnLikeFairseq()
    {
        float[,] weights =
        {
            { 0.6f, 0.1f, 0.3f },   // y0 -> x0
            { 0.1f, 0.2f, 0.7f },   // y1: </s> ignored, best word column x1
        };

        Assert.Equal([new AlignmentLink(0, 0), new AlignmentLink(1, 1)], HardAligner.Align(weights, EosColumn.Excluded));
    }
}
