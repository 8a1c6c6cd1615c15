using static TorchSharp.torch;

namespace Seq2Seq.Attention;

/// <summary>
/// The mask that keeps a decoder from looking ahead (Vaswani et al. 2017, §3.2.3): position i may attend positions
/// 0…i only, "to preserve the auto-regressive property".
/// </summary>
public static class CausalMask
{
    /// <summary>The additive causal mask: 0 on and below the diagonal, −∞ above it.</summary>
    /// <param name="length">the number of positions</param>
    /// <param name="device">where to create the mask (the CPU when null)</param>
    /// <returns>[length, length] float32</returns>
    public static Tensor Create(long length, Device? device = null) =>
        triu(full(length, length, float.NegativeInfinity, ScalarType.Float32, device), diagonal: 1);
}
