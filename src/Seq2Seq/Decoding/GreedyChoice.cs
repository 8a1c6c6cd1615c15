using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Seq2Seq.Data;
using Seq2Seq.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>
/// What greedy search needs from a step's logits: each row's most probable token, its log-probability and that of
/// &lt;/s&gt;. With m the row's maximum, log p(w) = x_w − m − log Σᵤ exp(xᵤ − m), so no row of log-probabilities is
/// ever written. On the CPU a row (32 KB at 8,000 words) is read twice while it stays in the core's first-level cache:
/// once for m, once for the sum of exponentials and the first column holding m. LibTorch's log-softmax, top-k and
/// gather pass over the whole [rows, vocab] block five times, and in a decoding step that block has just left the
/// cache. Among equal maxima the first column wins.
/// </summary>
public static unsafe class GreedyChoice
{
    /// <param name="logits">[rows, vocab]</param>
    /// <returns>per row the chosen token, its log-probability and the log-probability of &lt;/s&gt;</returns>
    public static (long[] Best, float[] BestLogProbability, float[] EosLogProbability) Of(Tensor logits)
    {
        if (logits.device_type != DeviceType.CPU || logits.dtype != ScalarType.Float32)
            return WithLogSoftmax(logits);
        using var x = logits.contiguous();
        int rows = (int)x.shape[0], vocabulary = (int)x.shape[1];
        var best = new long[rows];
        var bestLogProbability = new float[rows];
        var eosLogProbability = new float[rows];
        float* first = TensorMemory.Start<float>(x);
        for (int r = 0; r < rows; r++)
        {
            float* row = first + (long)r * vocabulary;
            float max = Max(row, vocabulary);
            var (sum, at) = SumOfExponentialsAndFirst(row, vocabulary, max);
            float logSum = MathF.Log(sum);
            best[r] = at;
            bestLogProbability[r] = -logSum;
            eosLogProbability[r] = row[SpecialTokens.Eos] - max - logSum;
        }
        return (best, bestLogProbability, eosLogProbability);
    }

    /// <summary>The same through LibTorch's operations, for tensors the kernel does not read (a GPU,
    /// float64).</summary>
    private static (long[], float[], float[]) WithLogSoftmax(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var logProbabilities = logits.log_softmax(-1);                                    // [rows, vocab]
        var (bestLogProbability, best) = logProbabilities.max(-1);                         // [rows] each
        return (best.cpu().data<long>().ToArray(),
            bestLogProbability.to(ScalarType.Float32).cpu().data<float>().ToArray(),
            logProbabilities[.., SpecialTokens.Eos].to(ScalarType.Float32).cpu().data<float>().ToArray());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Max(float* row, int length)
    {
        int i = 0;
        float max = float.NegativeInfinity;
        if (length >= Vector256<float>.Count)
        {
            var maxima = Vector256.Load(row);
            for (i = Vector256<float>.Count; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
                maxima = Vector256.Max(maxima, Vector256.Load(row + i));
            for (int lane = 0; lane < Vector256<float>.Count; lane++)
                max = MathF.Max(max, maxima[lane]);
        }
        for (; i < length; i++)
            max = MathF.Max(max, row[i]);
        return max;
    }

    /// <returns>Σ exp(xᵢ − max) and the first i with xᵢ = max</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (float Sum, int First) SumOfExponentialsAndFirst(float* row, int length, float max)
    {
        int i = 0, first = -1;
        var sums = Vector256<float>.Zero;
        var shift = Vector256.Create(max);
        for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var values = Vector256.Load(row + i);
            sums += VectorActivations.Exp(values - shift);
            if (first < 0 && Vector256.EqualsAny(values, shift))
                first = i + BitOperations.TrailingZeroCount(
                    Vector256.Equals(values, shift).ExtractMostSignificantBits());
        }
        float sum = Vector256.Sum(sums);
        for (; i < length; i++)
        {
            sum += MathF.Exp(row[i] - max);
            if (first < 0 && row[i] == max)
                first = i;
        }
        return (sum, Math.Max(first, 0));   // a row of NaNs has no maximum; it takes column 0
    }
}
