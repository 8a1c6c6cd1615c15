using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Seq2Seq.Models;

/// <summary>
/// exp, σ and tanh of eight floats at once, small enough to be inlined into the kernels that call them (so the JIT
/// keeps their loops' values in registers, and they are optimised whenever the kernel is; .NET's own
/// <c>Vector256.Exp</c> is a call, and runs unoptimised for its first calls). exp is Cephes' <c>expf</c>: x = n ln 2 +
/// r with |r| ≤ ln 2 / 2, a degree-7 polynomial for eʳ, and 2ⁿ from the exponent bits; its relative error is below
/// 2·10⁻⁷. Inputs are clamped to ±88.3, so exp never overflows: σ and tanh of large arguments are ±1 or 0 to within
/// 10⁻³⁸. The clamp keeps a NaN (<c>Vector256.Max</c> and <c>Min</c> propagate it), so a NaN stays NaN.
/// </summary>
public static class VectorActivations
{
    private const float Log2E = 1.44269504088896341f, Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f;
    private const float Limit = 88.3f;

    /// <summary>eˣ</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-Limit)), Vector256.Create(Limit));
        var n = Vector256.Round(x * Vector256.Create(Log2E));
        var r = x - n * Vector256.Create(Ln2High) - n * Vector256.Create(Ln2Low);
        var p = Vector256.Create(1.9875691500e-4f);
        p = p * r + Vector256.Create(1.3981999507e-3f);
        p = p * r + Vector256.Create(8.3334519073e-3f);
        p = p * r + Vector256.Create(4.1665795894e-2f);
        p = p * r + Vector256.Create(1.6666665459e-1f);
        p = p * r + Vector256.Create(5.0000001201e-1f);
        var y = p * r * r + r + Vector256<float>.One;
        var scale = (Vector256.ConvertToInt32(n) + Vector256.Create(127)) << 23;
        return y * scale.AsSingle();
    }

    /// <summary>σ(x) = 1 / (1 + e⁻ˣ)</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) =>
        Vector256<float>.One / (Vector256<float>.One + Exp(-x));

    /// <summary>tanh x = 1 − 2 / (e²ˣ + 1)</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x) =>
        Vector256<float>.One - Vector256.Create(2f) / (Exp(x + x) + Vector256<float>.One);
}
