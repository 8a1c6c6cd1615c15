using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Models;

public sealed class VocabularyProjectionTests
{
    /// <summary>Block by block (vocabularies with and without a remainder, one row or many, extra leading
    /// dimensions, with and without a bias) gives the plain product's logits.</summary>
    [Theory]
    [InlineData(64, 1, false)]
    [InlineData(67, 5, true)]
    [InlineData(7, 3, true)]
    [InlineData(803, 64, true)]
    public void GivesThePlainProductsLogits(int vocabulary, int rows, bool withBias)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        manual_seed(5);
        var weight = randn(vocabulary, 16);
        var bias = withBias ? randn(vocabulary) : null;
        var input = randn(rows, 2, 16);                                                    // [rows, 2, features]

        var blocked = VocabularyProjection.Apply(input, weight, bias);

        Assert.Equal([rows, 2, vocabulary], blocked.shape);
        Assert.True(blocked.allclose(nn.functional.linear(input, weight, bias), rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void GradientsFlowWhenTracked()
    {
        using var scope = NewDisposeScope();
        var weight = randn(64, 8).requires_grad_();
        VocabularyProjection.Apply(ones(4, 8), weight, null).sum().backward();

        Assert.True(weight.grad!.allclose(full(64, 8, 4f)));
    }
}
