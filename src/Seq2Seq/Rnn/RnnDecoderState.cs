using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Rnn;

/// <summary>
/// The recurrent decoder's state: per hypothesis the LSTM state (h, m); per sentence the encoder states, their
/// projected attention keys and the source mask, which beam search never needs to copy.
/// </summary>
public sealed class RnnDecoderState : DecoderState
{
    private Tensor _hidden;   // [rows, hidden]
    private Tensor _cell;     // [rows, hidden]

    public RnnDecoderState(Tensor memory, Tensor keys, Tensor mask, Tensor hidden, Tensor cell,
        VocabularyProjection output, PanelProduct? cellGates) : base(output)
    {
        CellGates = cellGates;
        Memory = Own(memory);
        Keys = Own(keys);
        Mask = Own(mask);
        _hidden = Own(hidden);
        _cell = Own(cell);
    }

    /// <summary>[batch, srcLen, 2·hidden] encoder states.</summary>
    public Tensor Memory { get; }

    /// <summary>[batch, srcLen, att] W_h applied to <see cref="Memory"/>.</summary>
    public Tensor Keys { get; }

    /// <summary>[batch, srcLen] bool, true at real source positions.</summary>
    public Tensor Mask { get; }

    /// <summary>The LSTM cell's gate weights prepared for this search, or null for the module's own cell.</summary>
    public PanelProduct? CellGates { get; }

    public Tensor Hidden => _hidden;

    public Tensor Cell => _cell;

    public override long Rows => _hidden.shape[0];

    public void Advance(Tensor hidden, Tensor cell)
    {
        Replace(ref _hidden, hidden);
        Replace(ref _cell, cell);
        Steps++;
    }

    public override void Reorder(Tensor rows)
    {
        Replace(ref _hidden, _hidden.index_select(0, rows));
        Replace(ref _cell, _cell.index_select(0, rows));
    }

    protected override IEnumerable<Tensor> OwnedTensors() => [Memory, Keys, Mask, _hidden, _cell];

    protected override void ReleasePrepared() => CellGates?.Dispose();
}
