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
    /// <returns>hₜ and mₜ [batch·hyps, hidden], the context cₜ [batch·hyps, 2·hidden] and the attention weights
    /// [batch·hyps, srcLen]</returns>
    public (Tensor Hidden, Tensor Cell, Tensor Context, Tensor Weights) Recur(
        Tensor embedded, Tensor hidden, Tensor cell, Tensor keys, Tensor memory, Tensor mask)
    {
        long batch = memory.shape[0], rows = hidden.shape[0];
        var query = hidden.view(batch, rows / batch, -1);                            // [batch, hyps, hidden]
        var (context, weights) = _attention.Attend(query, keys, memory, mask);       // [batch, hyps, 2·hidden|srcLen]
        context = context.view(rows, -1);                                            // [rows, 2·hidden]
        var (nextHidden, nextCell) = _cell.call(cat([embedded, context], 1), (hidden, cell));
        return (nextHidden, nextCell, context, weights.view(rows, -1));
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
