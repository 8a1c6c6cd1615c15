using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Attention;

/// <summary>
/// Where the real tokens of a right-padded batch sit. A Transformer computes almost everything per position
/// (projections, feed-forward layers, layer norms, dropout, residual connections); with a layout it does so on the
/// real tokens only, packed as [tokens, …], and only attention works on the padded [batch, length, …] grid.
/// On batches of sentences of mixed lengths this skips a third or more of the work (PyTorch gets the same saving
/// from nested tensors). For a batch without padding, packing and unpacking are reshapes.
/// </summary>
public sealed class TokenLayout
{
    private readonly Tensor? indices;   // [tokens] flat positions b·length + i of the real tokens; null when dense

    private TokenLayout(long batch, long length, Tensor? indices)
    {
        Batch = batch;
        Length = length;
        this.indices = indices;
        Tokens = indices?.shape[0] ?? batch * length;
    }

    public long Batch { get; }

    public long Length { get; }

    /// <summary>The number of real tokens.</summary>
    public long Tokens { get; }

    /// <summary>The layout of a batch with no padding: every one of the batch·length positions is a token.</summary>
    public static TokenLayout Dense(long batch, long length) => new(batch, length, null);

    /// <summary>The layout of a batch of ids: the tokens are the ids other than <paramref name="pad"/>.</summary>
    /// <param name="ids">[batch, length], right-padded</param>
    /// <param name="pad">the padding id</param>
    public static TokenLayout Of(Tensor ids, long pad)
    {
        var (batch, length) = (ids.shape[0], ids.shape[1]);
        var real = ids.ne(pad).view(-1);                            // [batch·length]
        bool dense = real.all().item<bool>();                       // one scalar read per batch
        return new TokenLayout(batch, length, dense ? null : real.nonzero().view(-1));
    }

    /// <summary>Each token's position in its sentence (right padding: positions count from 0 in every row).</summary>
    /// <returns>[tokens] int64</returns>
    public Tensor Positions(Device device) =>
        indices is null
            ? arange(Length, ScalarType.Int64, device).repeat(Batch)
            : indices.remainder(Length);

    /// <summary>Keeps the real tokens.</summary>
    /// <param name="padded">[batch, length, …]</param>
    /// <returns>[tokens, …]</returns>
    public Tensor Pack(Tensor padded)
    {
        var flat = padded.reshape([Batch * Length, .. padded.shape[2..]]);  // [batch·length, …]
        return indices is null ? flat : flat.index_select(0, indices);
    }

    /// <summary>Puts the tokens back on the padded grid.</summary>
    /// <param name="packed">[tokens, …]</param>
    /// <returns>[batch, length, …], zero at padding positions</returns>
    public Tensor Unpack(Tensor packed)
    {
        long[] rest = packed.shape[1..];
        if (indices is null)
            return packed.view([Batch, Length, .. rest]);
        return zeros([Batch * Length, .. rest], packed.dtype, packed.device)
            .index_copy(0, indices, packed)                           // [batch·length, …]
            .view([Batch, Length, .. rest]);
    }
}
