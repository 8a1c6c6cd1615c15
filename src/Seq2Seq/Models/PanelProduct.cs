using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Models;

/// <summary>
/// <c>x Wᵀ + b</c> on the calling thread with AVX2 fused multiply-adds, for the shape of a decoding step's output
/// layer: tens to hundreds of rows, a few hundred features, thousands of output columns. W is packed once into panels
/// of <see cref="Width"/> output columns, each <c>[features, 16]</c> and contiguous (the last one padded with zeros),
/// and every six rows (four or one at the end) are multiplied with one panel at a time in twelve vector accumulators
/// that start from the bias: the panel stays in the core's first-level cache while the rows pass over it. LibTorch's
/// single-threaded BLAS is about half again as slow for this shape on AVX2 CPUs (at 32 × 256 × 8,000: 4.2–5.6 ms
/// against 2.7–3.6). The kernels call nothing, so that the JIT keeps the accumulators in registers, and are compiled
/// optimised from the first call. Inference only: nothing is recorded for autograd.
/// </summary>
public sealed unsafe class PanelProduct : IDisposable
{
    /// <summary>Output columns per panel: two AVX vectors of floats.</summary>
    public const int Width = 16;

    private readonly Tensor _panels;   // [panels, features, Width]
    private readonly Tensor _bias;     // [panels·Width]

    /// <param name="weight">[outputs, features] float32 on the CPU</param>
    /// <param name="bias">[outputs] or null</param>
    public PanelProduct(Tensor weight, Tensor? bias)
    {
        if (!IsSupported(weight))
            throw new ArgumentException("PanelProduct needs a float32 CPU weight and a CPU with AVX2 and FMA.");
        (Outputs, Features) = (weight.shape[0], weight.shape[1]);
        long panels = (Outputs + Width - 1) / Width, padded = panels * Width;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var paddedWeight = padded == Outputs ? weight : zeros(padded, Features).index_copy_(0, arange(Outputs), weight);
        _panels = paddedWeight.view(panels, Width, Features).transpose(1, 2).contiguous().DetachFromDisposeScope();
        _bias = zeros(padded).DetachFromDisposeScope();
        if (bias is not null)
            _bias.narrow(0, 0, Outputs).copy_(bias);
    }

    /// <summary>Whether this CPU and <paramref name="weight"/> (float32, on the CPU) can take this product.</summary>
    public static bool IsSupported(Tensor weight) =>
        Fma.IsSupported && weight.device_type == DeviceType.CPU && weight.dtype == ScalarType.Float32;

    /// <summary>Whether a search may use this product for <paramref name="weight"/> now: no gradients are recorded,
    /// LibTorch runs one thread on the calling thread (otherwise its own threaded product is the better choice), and
    /// the CPU and weight allow it.</summary>
    public static bool SuitsSearch(Tensor weight) =>
        !is_grad_enabled() && get_num_threads() == 1 && IsSupported(weight);

    public long Outputs { get; }

    public long Features { get; }

    /// <param name="input">[rows, features] float32</param>
    /// <returns>[rows, outputs]</returns>
    public Tensor Apply(Tensor input)
    {
        var x = input.contiguous();
        long rows = x.shape[0];
        var output = empty(rows, Outputs);
        float* a = TensorMemory.Start<float>(x), c = TensorMemory.Start<float>(output);
        float* panels = TensorMemory.Start<float>(_panels), bias = TensorMemory.Start<float>(_bias);
        float* tile = stackalloc float[6 * Width];   // the sums of a last, partial panel
        for (long p = 0; p * Width < Outputs; p++)
        {
            float* panel = panels + p * Features * Width;
            int columns = (int)Math.Min(Width, Outputs - p * Width);
            var (bias0, bias1) = (Avx.LoadVector256(bias + p * Width), Avx.LoadVector256(bias + p * Width + 8));
            for (long i = 0, count; i < rows; i += count)
            {
                count = TileRows(rows - i);
                float* sums = columns == Width ? c + i * Outputs + p * Width : tile;
                long stride = columns == Width ? Outputs : Width;
                if (count == 6)
                    SixRows(a + i * Features, Features, panel, bias0, bias1, sums, stride);
                else if (count == 4)
                    FourRows(a + i * Features, Features, panel, bias0, bias1, sums, stride);
                else
                    OneRow(a + i * Features, Features, panel, bias0, bias1, sums);
                if (columns < Width)
                    for (int r = 0; r < count; r++)
                        new ReadOnlySpan<float>(tile + r * Width, columns)
                            .CopyTo(new Span<float>(c + (i + r) * Outputs + p * Width, columns));
            }
        }
        GC.KeepAlive(x);
        return output;
    }

    /// <summary>How many rows the next tile takes: six while at least six remain, except that the last 8 or 9 rows
    /// go four at a time; then four, then one.</summary>
    private static int TileRows(long remaining) => remaining switch
    {
        8 or 9 or (>= 4 and < 6) => 4,
        >= 6 => 6,
        _ => 1,
    };

    /// <summary>Six rows of <c>a</c> times one panel: 16 sums per row, written at <c>c</c> with a row stride of
    /// <paramref name="stride"/>. Twelve accumulators, the two panel vectors and the broadcast row value fill fifteen
    /// of the sixteen AVX registers; no calls in here, so that they stay there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SixRows(float* a, long features, float* panel, Vector256<float> bias0,
        Vector256<float> bias1, float* c, long stride)
    {
        float* a1 = a + features, a2 = a1 + features, a3 = a2 + features, a4 = a3 + features, a5 = a4 + features;
        Vector256<float> c00 = bias0, c01 = bias1, c10 = bias0, c11 = bias1, c20 = bias0, c21 = bias1;
        Vector256<float> c30 = bias0, c31 = bias1, c40 = bias0, c41 = bias1, c50 = bias0, c51 = bias1;
        float* b = panel;
        for (long j = 0; j < features; j++, b += Width)
        {
            var (b0, b1) = (Avx.LoadVector256(b), Avx.LoadVector256(b + 8));
            var x = Vector256.Create(a[j]);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[j]);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[j]);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[j]);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a4[j]);
            c40 = Fma.MultiplyAdd(x, b0, c40);
            c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a5[j]);
            c50 = Fma.MultiplyAdd(x, b0, c50);
            c51 = Fma.MultiplyAdd(x, b1, c51);
        }
        Avx.Store(c, c00);
        Avx.Store(c + 8, c01);
        Avx.Store(c + stride, c10);
        Avx.Store(c + stride + 8, c11);
        Avx.Store(c + 2 * stride, c20);
        Avx.Store(c + 2 * stride + 8, c21);
        Avx.Store(c + 3 * stride, c30);
        Avx.Store(c + 3 * stride + 8, c31);
        Avx.Store(c + 4 * stride, c40);
        Avx.Store(c + 4 * stride + 8, c41);
        Avx.Store(c + 5 * stride, c50);
        Avx.Store(c + 5 * stride + 8, c51);
    }

    /// <summary>Four rows of <c>a</c> times one panel: 16 sums per row, written at <c>c</c> with a row stride of
    /// <paramref name="stride"/>. No calls in here, so that the eight accumulators stay in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourRows(float* a, long features, float* panel, Vector256<float> bias0,
        Vector256<float> bias1, float* c, long stride)
    {
        float* a1 = a + features, a2 = a1 + features, a3 = a2 + features;
        Vector256<float> c00 = bias0, c01 = bias1, c10 = bias0, c11 = bias1;
        Vector256<float> c20 = bias0, c21 = bias1, c30 = bias0, c31 = bias1;
        float* b = panel;
        for (long j = 0; j < features; j++, b += Width)
        {
            var (b0, b1) = (Avx.LoadVector256(b), Avx.LoadVector256(b + 8));
            var x = Vector256.Create(a[j]);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[j]);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[j]);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[j]);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
        }
        Avx.Store(c, c00);
        Avx.Store(c + 8, c01);
        Avx.Store(c + stride, c10);
        Avx.Store(c + stride + 8, c11);
        Avx.Store(c + 2 * stride, c20);
        Avx.Store(c + 2 * stride + 8, c21);
        Avx.Store(c + 3 * stride, c30);
        Avx.Store(c + 3 * stride + 8, c31);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneRow(float* a, long features, float* panel, Vector256<float> bias0, Vector256<float> bias1,
        float* c)
    {
        Vector256<float> c0 = bias0, c1 = bias1;
        float* b = panel;
        for (long j = 0; j < features; j++, b += Width)
        {
            var x = Vector256.Create(a[j]);
            c0 = Fma.MultiplyAdd(x, Avx.LoadVector256(b), c0);
            c1 = Fma.MultiplyAdd(x, Avx.LoadVector256(b + 8), c1);
        }
        Avx.Store(c, c0);
        Avx.Store(c + 8, c1);
    }

    public void Dispose()
    {
        _panels.Dispose();
        _bias.Dispose();
    }
}
