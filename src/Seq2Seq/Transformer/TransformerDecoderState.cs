using Seq2Seq.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>
/// The incremental state of a <see cref="TransformerModel"/> (fairseq's incremental decoding): per decoder layer, the
/// self-attention keys and values of every position decoded so far (appended at each step, reordered with the
/// hypotheses), and the cross-attention keys and values of the encoder memory (computed once per sentence).
/// <para>
/// Rows come in <see cref="Groups"/> groups of <see cref="RowsPerGroup"/> adjacent rows; the rows of a group share
/// one sentence's memory keys, values and padding mask, stored once. After
/// <see cref="TransformerModel.StartDecoding"/> with <c>repeat</c> = k there is one group per sentence of k rows (row
/// b·k + j belongs to sentence b). A <see cref="Reorder"/> that keeps every row inside its group (beam search's
/// backpointers) leaves the memory as it is; any other reorder (rows moved between sentences, rows dropped) gives
/// each row its own copy of its sentence's memory (one row per group).
/// </para>
/// </summary>
public sealed class TransformerDecoderState : DecoderState
{
    private readonly Tensor[] selfKeys;     // per layer [rows, heads, steps, dHead]
    private readonly Tensor[] selfValues;   // per layer [rows, heads, steps, dHead]
    private readonly Tensor[] crossKeys;    // per layer [groups, heads, srcLen, dHead]
    private readonly Tensor[] crossValues;  // per layer [groups, heads, srcLen, dHead]
    private Tensor sourceMask;              // [groups, 1, 1, srcLen] additive

    /// <param name="memory">per decoder layer, the cross-attention keys and values [groups, heads, srcLen, dHead]</param>
    /// <param name="sourceMask">additive key-padding mask [groups, 1, 1, srcLen]</param>
    /// <param name="rowsPerGroup">hypotheses per sentence</param>
    /// <param name="output">the output layer prepared for this search</param>
    internal TransformerDecoderState(IReadOnlyList<(Tensor Keys, Tensor Values)> memory, Tensor sourceMask,
        long rowsPerGroup, VocabularyProjection output) : base(output)
    {
        RowsPerGroup = rowsPerGroup;
        crossKeys = memory.Select(m => Own(m.Keys)).ToArray();
        crossValues = memory.Select(m => Own(m.Values)).ToArray();
        this.sourceMask = Own(sourceMask);
        var (groups, heads, headSize) = (crossKeys[0].shape[0], crossKeys[0].shape[1], crossKeys[0].shape[3]);
        long[] emptyCache = [groups * rowsPerGroup, heads, 0, headSize];
        var (dtype, device) = (crossKeys[0].dtype, crossKeys[0].device);
        selfKeys = memory.Select(_ => Own(empty(emptyCache, dtype, device))).ToArray();
        selfValues = memory.Select(_ => Own(empty(emptyCache, dtype, device))).ToArray();
    }

    public override long Rows => selfKeys[0].shape[0];

    /// <summary>The number of rows that share one copy of a sentence's memory.</summary>
    public long RowsPerGroup { get; private set; }

    /// <summary>The number of row groups: Rows / RowsPerGroup.</summary>
    public long Groups => sourceMask.shape[0];

    /// <summary>[groups, 1, 1, srcLen] additive key-padding mask of the memory.</summary>
    internal Tensor SourceMask => sourceMask;

    /// <summary>[groups, heads, srcLen, dHead]</summary>
    internal Tensor CrossKeys(int layer) => crossKeys[layer];

    /// <summary>[groups, heads, srcLen, dHead]</summary>
    internal Tensor CrossValues(int layer) => crossValues[layer];

    /// <summary>Appends one position's self-attention keys and values to a layer's cache.</summary>
    /// <param name="layer">the decoder layer</param>
    /// <param name="keys">[rows, heads, 1, dHead]</param>
    /// <param name="values">[rows, heads, 1, dHead]</param>
    /// <returns>the layer's cache after the append, [rows, heads, steps + 1, dHead] each</returns>
    internal (Tensor Keys, Tensor Values) AppendSelfAttention(int layer, Tensor keys, Tensor values)
    {
        Replace(ref selfKeys[layer], cat([selfKeys[layer], keys], 2));
        Replace(ref selfValues[layer], cat([selfValues[layer], values], 2));
        return (selfKeys[layer], selfValues[layer]);
    }

    /// <summary>Counts one more consumed target token.</summary>
    internal void Advance() => Steps++;

    /// <inheritdoc/>
    /// <remarks>Besides copying the self-attention caches, this reads one scalar: whether every row stays in its
    /// group, so that the memory need not be copied.</remarks>
    public override void Reorder(Tensor rows)
    {
        if (rows.dim() != 1)
            throw new ArgumentException($"Expected a [rows] index tensor, got [{string.Join(", ", rows.shape)}].");
        using var scope = NewDisposeScope();
        bool keepsGroups = KeepsGroups(rows);
        for (int layer = 0; layer < selfKeys.Length; layer++)
        {
            Replace(ref selfKeys[layer], selfKeys[layer].index_select(0, rows));
            Replace(ref selfValues[layer], selfValues[layer].index_select(0, rows));
        }
        if (keepsGroups)
            return;

        var groupOfRow = rows.div(RowsPerGroup, RoundingMode.floor);   // [newRows]
        for (int layer = 0; layer < crossKeys.Length; layer++)
        {
            Replace(ref crossKeys[layer], crossKeys[layer].index_select(0, groupOfRow));
            Replace(ref crossValues[layer], crossValues[layer].index_select(0, groupOfRow));
        }
        Replace(ref sourceMask, sourceMask.index_select(0, groupOfRow));
        RowsPerGroup = 1;
    }

    /// <summary>Whether new row i comes from a row of the same group as i (one scalar read).</summary>
    private bool KeepsGroups(Tensor rows)
    {
        if (rows.shape[0] != Rows)
            return false;
        var expected = arange(rows.shape[0], ScalarType.Int64, rows.device).div(RowsPerGroup, RoundingMode.floor);
        return rows.div(RowsPerGroup, RoundingMode.floor).eq(expected).all().item<bool>();
    }

    protected override IEnumerable<Tensor> OwnedTensors() =>
        selfKeys.Concat(selfValues).Concat(crossKeys).Concat(crossValues).Append(sourceMask);
}
