using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Seq2Seq.Models;

namespace Seq2Seq.Rnn;

/// <summary>
/// The LSTM update from the gates' pre-activations, in PyTorch's gate order (input, forget, cell, output), for one row
/// on the calling thread: <c>c ← σ(f)⊙c + σ(i)⊙tanh(g)</c>, <c>h ← σ(o)⊙tanh(c)</c>. Used where a search runs on one
/// thread: by <see cref="BidirectionalLstmKernel"/> and by the decoder's prepared cell.
/// </summary>
internal static unsafe class LstmGates
{
    /// <param name="preActivations">[4·hidden], [i | f | g | o]</param>
    /// <param name="added">[4·hidden] added to <paramref name="preActivations"/>, or null</param>
    /// <param name="h">[hidden], written</param>
    /// <param name="c">[hidden], read and written</param>
    /// <param name="hidden">the hidden size</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Update(float* preActivations, float* added, float* h, float* c, int hidden)
    {
        int k = 0;
        for (; k <= hidden - Vector256<float>.Count; k += Vector256<float>.Count)
        {
            var i = VectorActivations.Sigmoid(Load(preActivations, added, k));
            var f = VectorActivations.Sigmoid(Load(preActivations, added, hidden + k));
            var g = VectorActivations.Tanh(Load(preActivations, added, 2 * hidden + k));
            var o = VectorActivations.Sigmoid(Load(preActivations, added, 3 * hidden + k));
            var cell = f * Vector256.Load(c + k) + i * g;
            cell.Store(c + k);
            (o * VectorActivations.Tanh(cell)).Store(h + k);
        }
        for (; k < hidden; k++)
        {
            float i = Sigmoid(LoadOne(preActivations, added, k));
            float f = Sigmoid(LoadOne(preActivations, added, hidden + k));
            float g = MathF.Tanh(LoadOne(preActivations, added, 2 * hidden + k));
            float o = Sigmoid(LoadOne(preActivations, added, 3 * hidden + k));
            c[k] = f * c[k] + i * g;
            h[k] = o * MathF.Tanh(c[k]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(float* a, float* b, int offset) => b == null
        ? Vector256.Load(a + offset)
        : Vector256.Load(a + offset) + Vector256.Load(b + offset);

    private static float LoadOne(float* a, float* b, int offset) => b == null ? a[offset] : a[offset] + b[offset];

    private static float Sigmoid(float x) => 1 / (1 + MathF.Exp(-x));
}
