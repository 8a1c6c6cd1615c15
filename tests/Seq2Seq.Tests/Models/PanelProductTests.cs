using System.Runtime.Intrinsics.X86;
using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Models;

public sealed class PanelProductTests
{
    /// <summary>Equals <c>linear</c> for whole and partial last panels (8,000 = 500·16, 7,919, fewer outputs than a
    /// panel), row counts that the six-, four- and one-row tiles share out differently (32 = 4·6 + 2·4, 7 = 6 + 1,
    /// 9 = 2·4 + 1, 13 = 2·6 + 1, 160 = 26·6 + 4), with and without a bias, and for an input that is a view into a
    /// larger tensor.</summary>
    [Theory]
    [InlineData(8000, 256, 32, true)]
    [InlineData(7919, 64, 7, true)]
    [InlineData(5, 16, 4, false)]
    [InlineData(33, 24, 1, true)]
    [InlineData(100, 8, 160, false)]
    [InlineData(50, 40, 9, true)]
    [InlineData(50, 40, 13, false)]
    public void EqualsLinear(int outputs, int features, int rows, bool withBias)
    {
        Assert.True(Fma.IsSupported, "these tests expect a CPU with AVX2 and FMA");
        using var scope = NewDisposeScope();
        manual_seed(7);
        var weight = randn(outputs, features);
        var bias = withBias ? randn(outputs) : null;
        var input = randn(rows + 3, features)[3..];                          // [rows, features], a view at an offset
        using var product = new PanelProduct(weight, bias);

        var result = product.Apply(input);

        Assert.Equal([rows, outputs], result.shape);
        Assert.True(result.allclose(nn.functional.linear(input, weight, bias), rtol: 1e-5, atol: 1e-4));
    }

    [Fact]
    public void RefusesWeightsItCannotTake()
    {
        using var scope = NewDisposeScope();
        Assert.False(PanelProduct.IsSupported(randn(4, 4, ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => new PanelProduct(randn(4, 4, ScalarType.Float64), null));
    }
}
