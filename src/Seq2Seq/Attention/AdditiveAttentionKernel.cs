using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Seq2Seq.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Attention;

/// <summary>
/// Additive attention on the calling thread, query by query: the scores <c>eⱼ = vᵀ tanh(q + kⱼ)</c> over the real
/// source positions, their softmax, and the context <c>Σⱼ αⱼ hⱼ</c>. Each score's sum over the attention size runs
/// while q + kⱼ is in registers. LibTorch instead builds the whole [batch, hyps, srcLen, att] block of q + kⱼ (about a
/// megabyte in a decoding step at 32 sentences), passes over it four times, padding included, and then runs a softmax
/// and a batched matrix-vector product of a few microseconds' work each. Padded positions get a weight of exactly 0
/// without being computed. tanh is <see cref="VectorActivations.Tanh"/>. Inference only: nothing is recorded for
/// autograd.
/// </summary>
public static unsafe class AdditiveAttentionKernel
{
    /// <summary>Whether the kernel takes these keys now: float32 on the CPU, and no gradients recorded.</summary>
    public static bool Suits(Tensor keys) =>
        !is_grad_enabled() && keys.device_type == DeviceType.CPU && keys.dtype == ScalarType.Float32;

    /// <param name="queries">[batch, hyps, att] the projected queries q</param>
    /// <param name="keys">[batch, srcLen, att] the projected keys kⱼ</param>
    /// <param name="energy">[att] v</param>
    /// <param name="memory">[batch, srcLen, memorySize] the encoder states hⱼ</param>
    /// <param name="mask">[batch, srcLen] bool, true at real source positions</param>
    /// <returns>the context [batch, hyps, memorySize] and the weights [batch, hyps, srcLen], 0 where the mask is
    /// false</returns>
    public static (Tensor Context, Tensor Weights) Attend(Tensor queries, Tensor keys, Tensor energy, Tensor memory,
        Tensor mask)
    {
        using var q = queries.contiguous();
        using var k = keys.contiguous();
        using var v = energy.contiguous();
        using var h = memory.contiguous();
        using var real = mask.to(ScalarType.Byte).contiguous();
        int batch = (int)q.shape[0], hyps = (int)q.shape[1], size = (int)q.shape[2];
        int sourceLength = (int)k.shape[1], memorySize = (int)h.shape[2];
        var weights = empty(batch, hyps, sourceLength);
        var context = zeros(batch, hyps, memorySize);
        float* queryAt = TensorMemory.Start<float>(q), keyAt = TensorMemory.Start<float>(k);
        float* vAt = TensorMemory.Start<float>(v), memoryAt = TensorMemory.Start<float>(h);
        float* weightAt = TensorMemory.Start<float>(weights), contextAt = TensorMemory.Start<float>(context);
        byte* realAt = TensorMemory.Start<byte>(real);
        for (int b = 0; b < batch; b++)
        {
            byte* isReal = realAt + (long)b * sourceLength;
            float* keysOf = keyAt + (long)b * sourceLength * size;
            float* memoryOf = memoryAt + (long)b * sourceLength * memorySize;
            for (int r = b * hyps; r < (b + 1) * hyps; r++)
            {
                float* row = weightAt + (long)r * sourceLength;
                float* query = queryAt + (long)r * size;
                for (int j = 0; j < sourceLength; j++)
                    row[j] = isReal[j] == 0 ? float.NegativeInfinity : Score(query, keysOf + (long)j * size, vAt, size);
                Softmax(row, sourceLength);
                for (int j = 0; j < sourceLength; j++)
                    if (row[j] != 0)
                        AddScaled(contextAt + (long)r * memorySize, row[j], memoryOf + (long)j * memorySize,
                            memorySize);
            }
        }
        return (context, weights);
    }

    /// <returns>vᵀ tanh(q + k)</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Score(float* query, float* key, float* v, int size)
    {
        int i = 0;
        var sums = Vector256<float>.Zero;
        for (; i <= size - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var z = Vector256.Load(query + i) + Vector256.Load(key + i);
            sums = Vector256.FusedMultiplyAdd(Vector256.Load(v + i), VectorActivations.Tanh(z), sums);
        }
        float sum = Vector256.Sum(sums);
        for (; i < size; i++)
            sum += v[i] * MathF.Tanh(query[i] + key[i]);
        return sum;
    }

    /// <summary>In place; −∞ becomes exactly 0.</summary>
    private static void Softmax(float* row, int length)
    {
        float max = float.NegativeInfinity, sum = 0;
        for (int j = 0; j < length; j++)
            max = MathF.Max(max, row[j]);
        for (int j = 0; j < length; j++)
            sum += row[j] = MathF.Exp(row[j] - max);
        for (int j = 0; j < length; j++)
            row[j] /= sum;
    }

    /// <summary>target += weight · source</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaled(float* target, float weight, float* source, int length)
    {
        int i = 0;
        var scale = Vector256.Create(weight);
        for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            Vector256.FusedMultiplyAdd(scale, Vector256.Load(source + i), Vector256.Load(target + i))
                .Store(target + i);
        for (; i < length; i++)
            target[i] += weight * source[i];
    }
}
