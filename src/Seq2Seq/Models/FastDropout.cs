using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Models;

/// <summary>
/// Inverted dropout, Srivastava et al. 2014: in training, each element is zeroed with probability p and the others
/// are scaled by 1/(1 − p); in evaluation it is the identity. The distribution is nn.Dropout's; only the way the
/// mask is drawn differs. LibTorch draws CPU random numbers one at a time from one Mersenne Twister, about 10 ns each,
/// and dropout needs one per activation: a fifth of a training step of the benchmark Transformer. Here element i is
/// kept when a 32-bit integer hash of (seed, i) is at least p·2³², computed eight elements at a time. Each call's seed
/// is drawn from torch's generator, so <c>torch.manual_seed</c> still makes training reproducible.
/// </summary>
public sealed class FastDropout : nn.Module<Tensor, Tensor>
{
    private readonly double probability;

    /// <param name="probability">the probability p of zeroing an element, in [0, 1)</param>
    public FastDropout(double probability) : base(nameof(FastDropout))
    {
        if (probability is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Expected 0 ≤ p < 1.");
        this.probability = probability;
    }

    /// <summary>A dropout of probability p, or null when p is 0.</summary>
    public static FastDropout? Optional(double probability) => probability > 0 ? new FastDropout(probability) : null;

    /// <param name="input">any shape</param>
    /// <returns>the same shape</returns>
    public override Tensor forward(Tensor input)
    {
        if (!training || probability == 0)
            return input;
        if (input.device_type != DeviceType.CPU)
            return nn.functional.dropout(input, probability);
        var mask = Mask(input.shape);
        return input.mul(input.dtype == ScalarType.Float32 ? mask : mask.to(input.dtype));
    }

    /// <returns>a float32 tensor of the given shape holding 0 (dropped) or 1/(1 − p) (kept)</returns>
    private Tensor Mask(long[] shape)
    {
        ulong seed;
        using (var draw = randint(long.MaxValue, [1], ScalarType.Int64))
            seed = (ulong)draw.item<long>();
        var mask = empty(shape, ScalarType.Float32);
        var threshold = (uint)Math.Min(Math.Round(probability * 4294967296.0), uint.MaxValue);
        Fill(MemoryMarshal.Cast<byte, float>(mask.bytes), seed, threshold, (float)(1 / (1 - probability)));
        return mask;
    }

    /// <summary>mask[i] = scale if Hash(i) ≥ threshold, else 0.</summary>
    private static void Fill(Span<float> mask, ulong seed, uint threshold, float scale)
    {
        for (long blockStart = 0; blockStart < mask.Length; blockStart += 1L << 30)
        {
            // Indices are hashed as 32-bit counters; each block of 2³⁰ elements gets its own key.
            var block = mask.Slice((int)blockStart, (int)Math.Min(1L << 30, mask.Length - blockStart));
            uint key = (uint)(seed ^ (seed >> 32)) ^ (uint)(blockStart >> 30) * 0x85EBCA6Bu;
            FillBlock(block, key, threshold, scale);
        }
    }

    private static void FillBlock(Span<float> mask, uint key, uint threshold, float scale)
    {
        int i = 0;
        ref float first = ref MemoryMarshal.GetReference(mask);
        if (Vector256.IsHardwareAccelerated)
        {
            var lanes = Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7);
            var keys = Vector256.Create(key);
            var thresholds = Vector256.Create(threshold);
            var kept = Vector256.Create(scale);
            for (; i <= mask.Length - 8; i += 8)
            {
                var hash = Hash(Vector256.Create((uint)i) + lanes, keys);
                var keep = Vector256.GreaterThanOrEqual(hash, thresholds).AsSingle(); // all ones where kept
                (keep & kept).StoreUnsafe(ref first, (nuint)i);
            }
        }
        for (; i < mask.Length; i++)
            mask[i] = Hash((uint)i, key) >= threshold ? scale : 0f;
    }

    /// <summary>lowbias32 (C. Wellons) of the index spread by the golden ratio and mixed with the key.</summary>
    private static Vector256<uint> Hash(Vector256<uint> index, Vector256<uint> key)
    {
        var x = index * 0x9E3779B9u ^ key;
        x ^= Vector256.ShiftRightLogical(x, 16);
        x *= 0x7FEB352Du;
        x ^= Vector256.ShiftRightLogical(x, 15);
        x *= 0x846CA68Bu;
        return x ^ Vector256.ShiftRightLogical(x, 16);
    }

    private static uint Hash(uint index, uint key)
    {
        uint x = index * 0x9E3779B9u ^ key;
        x ^= x >> 16;
        x *= 0x7FEB352Du;
        x ^= x >> 15;
        x *= 0x846CA68Bu;
        return x ^ (x >> 16);
    }
}
