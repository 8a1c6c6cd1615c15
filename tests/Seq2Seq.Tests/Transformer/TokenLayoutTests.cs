using Seq2Seq.Attention;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

public sealed class TokenLayoutTests
{
    [Fact]
    public void PackKeepsTheRealTokensAndUnpackPutsThemBackWithZeroPadding()
    {
        using var scope = NewDisposeScope();
        var ids = tensor(new long[] { 4, 5, 6, 0, 7, 0, 0, 0, 8, 9, 10, 11 }, [3, 4]);
        var layout = TokenLayout.Of(ids, pad: 0);
        var values = arange(12 * 2, ScalarType.Float32).view(3, 4, 2);

        var packed = layout.Pack(values);
        var unpacked = layout.Unpack(packed);

        Assert.Equal((3L, 4L, 8L), (layout.Batch, layout.Length, layout.Tokens));
        Assert.Equal(new long[] { 4, 5, 6, 7, 8, 9, 10, 11 }, layout.Pack(ids).data<long>().ToArray());
        Assert.Equal([8L, 2], packed.shape);
        Assert.True(unpacked.equal(values.mul(ids.ne(0).unsqueeze(2))).all().item<bool>());
        Assert.Equal(new long[] { 0, 1, 2, 0, 0, 1, 2, 3 }, layout.Positions(CPU).data<long>().ToArray());
    }

    [Fact]
    public void ABatchWithoutPaddingIsDense()
    {
        using var scope = NewDisposeScope();
        var ids = tensor(new long[] { 4, 5, 6, 7, 8, 9 }, [2, 3]);
        var layout = TokenLayout.Of(ids, pad: 0);
        var values = randn(2, 3, 5);

        Assert.Equal(6, layout.Tokens);
        Assert.True(layout.Pack(values).equal(values.view(6, 5)).all().item<bool>());
        Assert.True(layout.Unpack(layout.Pack(values)).equal(values).all().item<bool>());
        Assert.Equal(new long[] { 0, 1, 2, 0, 1, 2 }, layout.Positions(CPU).data<long>().ToArray());
    }

    [Fact]
    public void GradientsFlowThroughPackAndUnpack()
    {
        using var scope = NewDisposeScope();
        var layout = TokenLayout.Of(tensor(new long[] { 4, 0, 5, 6 }, [2, 2]), pad: 0);
        var packed = ones(3, 2, requires_grad: true);

        layout.Pack(layout.Unpack(packed).mul(2)).sum().backward();

        Assert.True(packed.grad!.equal(full(3, 2, 2f)).all().item<bool>());
    }
}
