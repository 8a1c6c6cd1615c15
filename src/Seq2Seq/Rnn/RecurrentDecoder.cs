using Seq2Seq.Attention;
using Seq2Seq.Data;
using Seq2Seq.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Rnn;

/// <summary>
/// The attentional LSTM decoder of Bahdanau et al. 2015 with input feeding. At step t the context cₜ is attended
/// from the previous state hₜ₋₁, fed into the cell together with the previous target token,
/// <c>(hₜ, mₜ) = LSTMCell([E yₜ₋₁; cₜ], (hₜ₋₁, mₜ₋₁))</c>, and the next token is read out from
/// <c>tanh(W_o [hₜ; cₜ])</c> (the pre-output layer of Luong et al. 2015, §3) through the vocabulary projection.
/// The initial state is a learned projection of the encoder's final forward and backward states.
/// </summary>
public sealed class RecurrentDecoder : nn.Module
{
    private readonly Embedding _embedding;
    private readonly FastDropout _dropout;
    private readonly BahdanauAttention _attention;
    private readonly LSTMCell _cell;
    private readonly Linear _initialHidden;   // Lin_h: [h_fwd; h_bwd] → h₀
    private readonly Linear _initialCell;     // Lin_c: [c_fwd; c_bwd] → m₀
    private readonly Linear _preOutput;       // W_o: [h; c] → o
    private readonly Linear _output;          // W_out: o → vocabulary logits

    public RecurrentDecoder(RnnOptions options, int vocabularySize) : base(nameof(RecurrentDecoder))
    {
        int memorySize = 2 * options.HiddenSize;
        _embedding = nn.Embedding(vocabularySize, options.EmbeddingSize, padding_idx: SpecialTokens.Pad);
        _dropout = new FastDropout(options.Dropout);
        _attention = new BahdanauAttention(memorySize, options.HiddenSize, options.AttentionSize);
        _cell = nn.LSTMCell(options.EmbeddingSize + memorySize, options.HiddenSize);
        _initialHidden = nn.Linear(memorySize, options.HiddenSize);
        _initialCell = nn.Linear(memorySize, options.HiddenSize);
        _preOutput = nn.Linear(options.HiddenSize + memorySize, options.HiddenSize);
        _output = nn.Linear(options.HiddenSize, vocabularySize);
        RegisterComponents();
    }

    /// <param name="finalHidden">[batch, 2·hidden]</param>
    /// <param name="finalCell">[batch, 2·hidden]</param>
    /// <returns>h₀ and m₀, [batch, hidden] each</returns>
    public (Tensor Hidden, Tensor Cell) InitialState(Tensor finalHidden, Tensor finalCell) =>
        (_initialHidden.call(finalHidden), _initialCell.call(finalCell));

    /// <summary>W_h hⱼ, computed once per batch.</summary>
    public Tensor ProjectKeys(Tensor memory) => _attention.ProjectKeys(memory);

    /// <summary>Embeds target tokens (with dropout in training).</summary>
    /// <param name="tokens">[...] int64</param>
    /// <returns>[..., emb]</returns>
    public Tensor Embed(Tensor tokens) => _dropout.call(_embedding.call(tokens));

    /// <summary>One recurrence step for every hypothesis of every sentence.</summary>
    /// <param name="embedded">[batch·hyps, emb] the embedded previous tokens</param>
    /// <param name="hidden">[batch·hyps, hidden] hₜ₋₁</param>
    /// <param name="cell">[batch·hyps, hidden] mₜ₋₁</param>
    /// <param name="keys">[batch, srcLen, att]</param>
    /// <param name="memory">[batch, srcLen, 2·hidden]</param>
    /// <param name="mask">[batch, srcLen] bool</param>
    /// <param name="cellGates">the cell's gate weights prepared for a search (<see cref="PrepareCell"/>), or null for
    /// the module's own cell</param>
    /// <returns>hₜ and mₜ [batch·hyps, hidden], the context cₜ [batch·hyps, 2·hidden] and the attention weights
    /// [batch·hyps, srcLen]</returns>
    public (Tensor Hidden, Tensor Cell, Tensor Context, Tensor Weights) Recur(
        Tensor embedded, Tensor hidden, Tensor cell, Tensor keys, Tensor memory, Tensor mask,
        PanelProduct? cellGates = null)
    {
        long batch = memory.shape[0], rows = hidden.shape[0];
        var query = hidden.view(batch, rows / batch, -1);                            // [batch, hyps, hidden]
        var (context, weights) = _attention.Attend(query, keys, memory, mask);       // [batch, hyps, 2·hidden|srcLen]
        context = context.view(rows, -1);                                            // [rows, 2·hidden]
        var (nextHidden, nextCell) = cellGates is null
            ? _cell.call(cat([embedded, context], 1), (hidden, cell))
            : CellStep(cellGates, cat([embedded, context, hidden], 1), cell);
        return (nextHidden, nextCell, context, weights.view(rows, -1));
    }

    /// <summary>The LSTM cell prepared for a search, when <see cref="PanelProduct"/> suits it: its input and recurrent
    /// weights side by side, [W_ih | W_hh], and the two biases summed.</summary>
    public PanelProduct? PrepareCell()
    {
        if (!PanelProduct.SuitsSearch(_cell.weight_ih!))
            return null;
        using var scope = NewDisposeScope();
        var bias = _cell.bias_ih is { } inputBias && _cell.bias_hh is { } recurrentBias
            ? inputBias + recurrentBias
            : null;
        return new PanelProduct(cat([_cell.weight_ih!, _cell.weight_hh!], 1), bias);
    }

    /// <summary>LSTMCell's update through prepared gate weights: the gates' pre-activations in one product, then
    /// <see cref="LstmGates"/> row by row.</summary>
    /// <param name="gates">[W_ih | W_hh] and the summed biases</param>
    /// <param name="input">[rows, in + hidden]: the cell's input and h side by side</param>
    /// <param name="cell">[rows, hidden] m</param>
    private static unsafe (Tensor Hidden, Tensor Cell) CellStep(PanelProduct gates, Tensor input, Tensor cell)
    {
        int rows = (int)cell.shape[0], size = (int)cell.shape[1];
        var preActivations = gates.Apply(input);                                     // [rows, 4·hidden]
        var nextCell = cell.contiguous().clone();
        var nextHidden = empty_like(nextCell);
        float* pre = TensorMemory.Start<float>(preActivations);
        float* h = TensorMemory.Start<float>(nextHidden), c = TensorMemory.Start<float>(nextCell);
        for (int r = 0; r < rows; r++)
            LstmGates.Update(pre + (long)r * 4 * size, null, h + (long)r * size, c + (long)r * size, size);
        return (nextHidden, nextCell);
    }

    /// <summary>The pre-output layer and vocabulary projection, applied to any number of steps at once.</summary>
    /// <param name="state">[..., 3·hidden]: the decoder state hₜ and the context cₜ side by side</param>
    /// <param name="output">the vocabulary projection prepared for decoding, or null for the module's own layer</param>
    /// <returns>[..., vocab]</returns>
    public Tensor ReadOut(Tensor state, VocabularyProjection? output = null)
    {
        var preOutput = _dropout.call(_preOutput.call(state).tanh_());                     // [..., hidden]
        return output is null ? _output.call(preOutput) : output.Apply(preOutput);
    }

    /// <summary>The vocabulary projection prepared for the steps of one search.</summary>
    public VocabularyProjection PrepareOutput() => new(_output.weight!, _output.bias);
}
