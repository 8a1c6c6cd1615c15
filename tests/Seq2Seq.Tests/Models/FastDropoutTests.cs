using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Models;

public sealed class FastDropoutTests
{
    [Fact]
    public void EvaluationModeIsTheIdentity()
    {
        using var dropout = new FastDropout(0.5);
        dropout.eval();
        using var scope = NewDisposeScope();
        var x = randn(10, 10);

        Assert.Same(x, dropout.call(x));
    }

    [Fact]
    public void TrainingDropsAFractionPAndScalesTheRest()
    {
        using var dropout = new FastDropout(0.1);
        using var scope = NewDisposeScope();
        manual_seed(5);
        var x = ones(1000, 1001);                      // not a multiple of the 8-wide vectors

        var y = dropout.call(x);

        double dropped = y.eq(0).to(ScalarType.Float64).mean().item<double>();
        Assert.Equal(0.1, dropped, 0.0015);            // 5 standard deviations of the fraction
        Assert.True(y.eq(0).logical_or(y.eq(1 / 0.9f)).all().item<bool>());
        // Neighbouring elements are dropped independently: P(both dropped) = p².
        var pairs = y.view(-1)[..^1].eq(0).logical_and(y.view(-1)[1..].eq(0));
        Assert.Equal(0.01, pairs.to(ScalarType.Float64).mean().item<double>(), 0.0005);
    }

    [Fact]
    public void MasksAreReproducibleUnderTheTorchSeedAndDifferBetweenCalls()
    {
        using var dropout = new FastDropout(0.3);
        using var scope = NewDisposeScope();
        var x = ones(64, 37);

        manual_seed(11);
        var first = dropout.call(x);
        var second = dropout.call(x);
        manual_seed(11);
        var again = dropout.call(x);

        Assert.True(again.equal(first).all().item<bool>());
        Assert.False(second.equal(first).all().item<bool>());
    }

    [Fact]
    public void TheGradientIsTheMask()
    {
        using var dropout = new FastDropout(0.2);
        using var scope = NewDisposeScope();
        var x = randn(50, 40, requires_grad: true);

        var y = dropout.call(x);
        y.sum().backward();

        Assert.True(x.grad!.allclose(y.div(x.detach()), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void AProbabilityOfOneOrMoreIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastDropout(1));
    }
}
