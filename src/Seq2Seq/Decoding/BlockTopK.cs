using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>
/// The k largest entries of each row, found through block maxima: each row is cut into blocks of
/// <see cref="BlockSize"/> columns, the k blocks with the largest maxima are kept, and the top k is taken among their
/// entries (plus the columns after the last whole block). Every one of the row's k largest entries lies in a block
/// whose maximum is at least the k-th largest value, so it is among the kept blocks: the values are exactly
/// <c>topk</c>'s. Among equal values the index returned may differ. A search step ranks a whole vocabulary per row;
/// LibTorch's CPU top-k over 8,000 columns takes about three times as long as this (a maximum per block is one
/// vectorised pass).
/// </summary>
public static class BlockTopK
{
    /// <summary>The columns per block.</summary>
    public const int BlockSize = 64;

    /// <param name="scores">[rows, columns], contiguous along columns</param>
    /// <param name="k">how many entries to keep per row, at most the number of columns</param>
    /// <returns>the k largest values of each row, largest first, and their column indices; [rows, k] each</returns>
    public static (Tensor Values, Tensor Indices) Largest(Tensor scores, int k)
    {
        long rows = scores.shape[0], columns = scores.shape[1];
        long blocks = columns / BlockSize, rest = columns - blocks * BlockSize;
        if (blocks <= k || scores.stride(1) != 1)
            return scores.topk(k);

        var blocked = scores.as_strided([rows, blocks, BlockSize], [scores.stride(0), BlockSize, 1]);
        var (_, best) = blocked.amax([-1]).topk(k);                                     // [rows, k] block numbers
        var candidates = blocked.gather(1, best.unsqueeze(-1).expand(rows, k, BlockSize))
            .view(rows, k * BlockSize);                                                  // [rows, k·block]
        var columnsOf = best.unsqueeze(-1).mul(BlockSize)
            .add(arange(BlockSize, ScalarType.Int64, scores.device)).view(rows, k * BlockSize);
        if (rest > 0)
        {
            long first = blocks * BlockSize;
            candidates = cat([candidates, scores.narrow(1, first, rest)], 1);          // [rows, k·block + rest]
            columnsOf = cat([columnsOf, arange(first, columns, 1, ScalarType.Int64, scores.device)
                .expand(rows, rest)], 1);
        }
        var (top, positions) = candidates.topk(k);                                     // [rows, k]
        return (top, columnsOf.gather(1, positions));
    }
}
