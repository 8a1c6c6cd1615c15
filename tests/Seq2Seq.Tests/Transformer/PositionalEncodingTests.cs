using Seq2Seq.Transformer;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

public sealed class PositionalEncodingTests
{
    private const int D = 8;

    private static double Expected(long position, int column)
    {
        int i = column / 2;
        double angle = position / Math.Pow(10000, 2.0 * i / D);
        return column % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
    }

    [Fact]
    public void EncodingsAreTheSinesAndCosinesOfThePaper()
    {
        using var encoding = new PositionalEncoding("pe", D, initialLength: 16);
        using var scope = NewDisposeScope();

        var table = encoding.Encoding(0, 16, CPU);

        Assert.Equal([16L, D], table.shape);
        // Position 0 is sin 0 = 0, cos 0 = 1; position 1, column 0 is sin(1); column 3 is cos(1/10000^(2/8)).
        Assert.Equal(0f, table[0, 0].item<float>());
        Assert.Equal(1f, table[0, 1].item<float>());
        Assert.Equal(0.841471f, table[1, 0].item<float>(), 1e-6f);
        Assert.Equal(0.995004f, table[1, 3].item<float>(), 1e-6f);
        for (long p = 0; p < 16; p++)
            for (int c = 0; c < D; c++)
                Assert.Equal(Expected(p, c), table[p, c].item<float>(), 1e-6);
    }

    [Fact]
    public void TheTableGrowsBeyondItsInitialLengthWithoutChangingEarlierPositions()
    {
        using var encoding = new PositionalEncoding("pe", D, initialLength: 4);
        using var scope = NewDisposeScope();
        var before = encoding.Encoding(0, 4, CPU).clone();

        var late = encoding.Encoding(1000, 3, CPU);

        Assert.True(encoding.Length >= 1003);
        Assert.True(encoding.Encoding(0, 4, CPU).equal(before).all().item<bool>());
        for (int k = 0; k < 3; k++)
            for (int c = 0; c < D; c++)
                Assert.Equal(Expected(1000 + k, c), late[k, c].item<float>(), 1e-6);
    }

    [Fact]
    public void EncodingsFromAnOffsetAreRowsOfTheTable()
    {
        using var encoding = new PositionalEncoding("pe", D, initialLength: 16);
        using var scope = NewDisposeScope();

        var rows = encoding.Encoding(5, 3, CPU);

        Assert.True(rows.equal(encoding.Encoding(0, 16, CPU)[5..8]).all().item<bool>());
    }

    [Fact]
    public void TheTableIsNotSavedWithTheParameters()
    {
        using var encoding = new PositionalEncoding("pe", D);

        Assert.Empty(encoding.state_dict());
        Assert.Empty(encoding.parameters());
    }
}
