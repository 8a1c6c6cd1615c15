using Seq2Seq.Data;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Data;

public sealed class BatchBuilderTests
{
    [Fact]
    public void PadsAndMarksSourceAndShiftsTarget()
    {
        using var scope = NewDisposeScope();
        int[][] source = [[10, 11, 12], [20], [30, 31]];
        int[][] target = [[40], [50, 51, 52, 53], [60, 61]];

        using var batch = BatchBuilder.Build([2, 0, 1], source, target);

        const int pad = SpecialTokens.Pad, bos = SpecialTokens.Bos, eos = SpecialTokens.Eos;
        Assert.Equal([3L, 4], batch.Source.shape);
        Assert.Equal(ScalarType.Int64, batch.Source.dtype);
        Assert.Equal(new long[] { 30, 31, eos, pad, 10, 11, 12, eos, 20, eos, pad, pad }, batch.Source.data<long>().ToArray());
        Assert.Equal(new long[] { 3, 4, 2 }, batch.SourceLengths.data<long>().ToArray());
        Assert.Equal(ScalarType.Bool, batch.SourceMask.dtype);
        Assert.Equal(new[] { true, true, true, false, true, true, true, true, true, true, false, false },
            batch.SourceMask.data<bool>().ToArray());
        Assert.Equal([3L, 5], batch.TargetIn.shape);
        Assert.Equal(new long[] { bos, 60, 61, pad, pad, bos, 40, pad, pad, pad, bos, 50, 51, 52, 53 },
            batch.TargetIn.data<long>().ToArray());
        Assert.Equal(new long[] { 60, 61, eos, pad, pad, 40, eos, pad, pad, pad, 50, 51, 52, 53, eos },
            batch.TargetOut.data<long>().ToArray());
        Assert.Equal([2, 0, 1], batch.PairIndices);
        Assert.Equal(3 + 2 + 5, batch.TargetTokens);
        Assert.Equal(3, batch.Size);
    }

    [Fact]
    public void MaskMatchesLengthsAndNonPadding()
    {
        using var scope = NewDisposeScope();
        var random = new Random(5);
        int[][] source = [.. Enumerable.Range(0, 8).Select(_ => Enumerable.Range(0, random.Next(0, 9)).Select(_ => random.Next(4, 50)).ToArray())];
        int[][] target = [.. source.Select(s => s.Reverse().ToArray())];

        using var batch = BatchBuilder.Build([.. Enumerable.Range(0, 8)], source, target);

        var fromLengths = arange(batch.Source.shape[1]).unsqueeze(0).lt(batch.SourceLengths.unsqueeze(1));   // [batch, srcLen]
        bool[] mask = batch.SourceMask.data<bool>().ToArray();
        Assert.Equal(fromLengths.data<bool>().ToArray(), mask);
        Assert.Equal(batch.Source.ne(SpecialTokens.Pad).data<bool>().ToArray(), mask);
        Assert.Equal(batch.TargetTokens, batch.TargetOut.ne(SpecialTokens.Pad).sum().item<long>());
    }
}
