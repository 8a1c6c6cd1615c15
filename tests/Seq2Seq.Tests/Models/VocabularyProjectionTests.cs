using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Models;

public sealed class VocabularyProjectionTests
{
    /// <summary>Block by block (with gradients, or with two threads) and panel by panel (a search on one thread), for
    /// vocabularies with and without a remainder, smaller than the number of blocks, one row or many, extra leading
    /// dimensions, with and without a bias, it gives the plain product's logits.</summary>
    [Theory]
    [InlineData(64, 1, false)]
    [InlineData(67, 5, true)]
    [InlineData(7, 3, true)]
    [InlineData(803, 64, true)]
    [InlineData(803, 320, false)]
    public void GivesThePlainProductsLogits(int vocabulary, int rows, bool withBias)
    {
        foreach (var (gradients, threads) in new[] { (false, 1), (true, 1), (false, 2) })
            TestSetup.WithThreads(threads, () =>
            {
                using var gradientMode = gradients ? enable_grad() : no_grad();
                CheckAgainstLinear(vocabulary, rows, withBias);
            });
    }

    private static void CheckAgainstLinear(int vocabulary, int rows, bool withBias)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var weight = randn(vocabulary, 16);
        var bias = withBias ? randn(vocabulary) : null;
        var input = randn(rows, 2, 16);                                                    // [rows, 2, features]
        using var projection = new VocabularyProjection(weight, bias);

        var logits = projection.Apply(input);

        Assert.Equal([rows, 2, vocabulary], logits.shape);
        Assert.True(logits.allclose(nn.functional.linear(input, weight, bias), rtol: 1e-5, atol: 1e-5));
    }

    /// <summary>Made without gradients (as searches make it), the projection holds its own copy: it does not follow
    /// later weight updates, and disposing it leaves the module's parameters alive.</summary>
    [Fact]
    public void MadeWithoutGradientsIsACopy()
    {
        using var scope = NewDisposeScope();
        var weight = randn(64, 8).requires_grad_();
        var bias = zeros(64).requires_grad_();
        var input = ones(4, 8);
        Tensor before;
        using (no_grad())
        using (var projection = new VocabularyProjection(weight, bias))
        {
            before = projection.Apply(input);
            weight.add_(1);

            Assert.False(before.requires_grad);
            Assert.True(projection.Apply(input).equal(before).all().item<bool>());
        }

        Assert.False(weight.IsInvalid);
        Assert.False(bias.IsInvalid);
        Assert.True(nn.functional.linear(input, weight, bias).allclose(before + 8));
    }

    /// <summary>Made with gradients (as scheduled sampling makes it), the loss reaches W and b as through
    /// <c>linear</c>.</summary>
    [Fact]
    public void MadeWithGradientsPassesThemToTheWeights()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var weight = randn(67, 8).requires_grad_();
        var bias = randn(67).requires_grad_();
        var input = randn(5, 8);
        var probe = randn(5, 67);

        using (var projection = new VocabularyProjection(weight, bias))
            projection.Apply(input).mul(probe).sum().backward();
        var (weightGradient, biasGradient) = (weight.grad!.clone(), bias.grad!.clone());
        weight.grad!.zero_();
        bias.grad!.zero_();
        nn.functional.linear(input, weight, bias).mul(probe).sum().backward();

        Assert.True(weightGradient.allclose(weight.grad!, rtol: 1e-5, atol: 1e-6));
        Assert.True(biasGradient.allclose(bias.grad!, rtol: 1e-5, atol: 1e-6));
    }
}
