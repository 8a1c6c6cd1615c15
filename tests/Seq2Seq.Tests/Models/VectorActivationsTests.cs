using System.Runtime.Intrinsics;
using Seq2Seq.Models;

namespace Seq2Seq.Tests.Models;

public sealed class VectorActivationsTests
{
    private static readonly float[] Arguments =
    [
        -1000f, -100f, -88.5f, -87f, -20f, -10.25f, -3f, -1f, -0.5f, -1e-3f, -1e-7f, 0f,
        1e-7f, 1e-3f, 0.3466f, 0.5f, 1f, 2.5f, 9f, 20f, 44f, 87f, 88.5f, 100f, 1000f,
    ];

    /// <summary>exp to within 3·10⁻⁷ relative where the result is a normal float; 0 or below 10⁻³⁸ under it, and the
    /// largest value it reaches instead of overflowing.</summary>
    [Fact]
    public void ExpIsWithinFloatRoundingOfMathExp()
    {
        foreach (float x in Arguments)
        {
            float result = Apply(VectorActivations.Exp, x);
            double expected = Math.Exp(x);
            if (x > 88.3f)
                Assert.Equal(Apply(VectorActivations.Exp, 88.3f), result);
            else if (expected < 1.2e-38)
                Assert.InRange(result, 0f, 1e-38f);
            else
                Assert.True(Math.Abs(result - expected) <= 3e-7 * expected, $"exp({x}) = {result}, expected {expected}");
        }
    }

    [Fact]
    public void SigmoidAndTanhAreWithinFloatRounding()
    {
        foreach (float x in Arguments)
        {
            double sigmoid = 1 / (1 + Math.Exp(-x)), tanh = Math.Tanh(x);
            Assert.True(Math.Abs(Apply(VectorActivations.Sigmoid, x) - sigmoid) <= 1e-7 + 1e-6 * sigmoid, $"σ({x})");
            Assert.True(Math.Abs(Apply(VectorActivations.Tanh, x) - tanh) <= 2e-7, $"tanh({x})");
        }
    }

    /// <summary>A NaN stays NaN, as in <see cref="Math"/>, so that a diverged model's outputs show it instead of being
    /// clamped into ordinary numbers.</summary>
    [Fact]
    public void NaNPropagates()
    {
        Assert.True(float.IsNaN(Apply(VectorActivations.Exp, float.NaN)));
        Assert.True(float.IsNaN(Apply(VectorActivations.Sigmoid, float.NaN)));
        Assert.True(float.IsNaN(Apply(VectorActivations.Tanh, float.NaN)));
    }

    /// <summary>Every lane is computed on its own.</summary>
    [Fact]
    public void LanesAreIndependent()
    {
        var x = Vector256.Create(-3f, -1f, 0f, 0.5f, 1f, 2f, 10f, -50f);
        var exp = VectorActivations.Exp(x);
        for (int lane = 0; lane < Vector256<float>.Count; lane++)
            Assert.Equal(Apply(VectorActivations.Exp, x[lane]), exp[lane]);
    }

    private static float Apply(Func<Vector256<float>, Vector256<float>> f, float x) => f(Vector256.Create(x))[0];
}
