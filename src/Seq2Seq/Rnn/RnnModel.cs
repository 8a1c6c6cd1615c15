using Seq2Seq.Data;
using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Rnn;

/// <summary>
/// The attentional sequence-to-sequence baseline (Bahdanau et al. 2015; CS224n's NMT assignment): a bidirectional
/// LSTM encoder, an LSTM decoder with additive attention and input feeding. Its cross-attention is reported as one
/// layer with one head.
/// </summary>
public sealed class RnnModel : Seq2SeqModel
{
    private readonly RecurrentEncoder _encoder;
    private readonly RecurrentDecoder _decoder;

    public RnnModel(RnnOptions options, int sourceVocabularySize, int targetVocabularySize) : base(nameof(RnnModel))
    {
        options.Validate();
        Options = options;
        TargetVocabularySize = targetVocabularySize;
        _encoder = new RecurrentEncoder(options, sourceVocabularySize);
        _decoder = new RecurrentDecoder(options, targetVocabularySize);
        RegisterComponents();
    }

    public RnnOptions Options { get; }

    public override int AttentionLayers => 1;

    public override int AttentionHeads => 1;

    public override int TargetVocabularySize { get; }

    /// <summary>A decoding step is one LSTM cell, the attention and the output layer, each a single small operation
    /// on one row per hypothesis: split by sentences, they run on one thread each without waiting for the other
    /// threads. (The Transformer's step does several times more work per operation, and its caches, copied into
    /// every thread's own C heap, cost memory that sharing did not repay.)</summary>
    public override bool DecodesSentencesInParallel => true;

    public override (Tensor Logits, Tensor? CrossAttention) Forward(
        Tensor source, Tensor sourceLengths, Tensor targetIn, bool withAttention = true)
    {
        var (states, weights) = Decode(source, sourceLengths, targetIn);
        var attention = withAttention
            ? weights.unsqueeze(1).unsqueeze(1)                              // [batch, 1, 1, tgtLen, srcLen]
            : null;
        return (Project(states), attention);                                // [batch, tgtLen, vocab]
    }

    public override Tensor TargetFeatures(Tensor source, Tensor sourceLengths, Tensor targetIn)
    {
        var (states, _) = Decode(source, sourceLengths, targetIn);          // [batch, tgtLen, 3·hidden]
        return states[targetIn.ne(SpecialTokens.Pad)];                      // [tokens, 3·hidden]
    }

    /// <param name="features">[..., 3·hidden]: hₜ and cₜ side by side</param>
    public override Tensor Project(Tensor features) => _decoder.ReadOut(features);

    /// <summary>Teacher-forced recurrence over the whole target.</summary>
    /// <returns>[hₜ; cₜ] for every step [batch, tgtLen, 3·hidden] and the attention weights [batch, tgtLen, srcLen]</returns>
    private (Tensor States, Tensor Weights) Decode(Tensor source, Tensor sourceLengths, Tensor targetIn)
    {
        var (memory, keys, mask, hidden, cell) = Encode(source, sourceLengths);
        var embedded = _decoder.Embed(targetIn);                             // [batch, tgtLen, emb]
        long steps = targetIn.shape[1];
        var states = new Tensor[steps];
        var weights = new Tensor[steps];
        for (int t = 0; t < steps; t++)
        {
            Tensor context;
            (hidden, cell, context, weights[t]) = _decoder.Recur(embedded[.., t], hidden, cell, keys, memory, mask);
            states[t] = cat([hidden, context], 1);                            // [batch, 3·hidden]
        }
        return (stack(states, 1), stack(weights, 1));
    }

    public override DecoderState StartDecoding(Tensor source, Tensor sourceLengths, int repeat = 1)
    {
        var (memory, keys, mask, hidden, cell) = Encode(source, sourceLengths);
        if (repeat > 1)
        {
            hidden = hidden.repeat_interleave(repeat, 0);                     // [batch·repeat, hidden]
            cell = cell.repeat_interleave(repeat, 0);
        }
        return new RnnDecoderState(memory, keys, mask, hidden, cell, _decoder.PrepareOutput(),
            _decoder.PrepareCell());
    }

    public override (Tensor Logits, Tensor CrossAttention) Step(DecoderState state, Tensor previous)
    {
        var s = (RnnDecoderState)state;
        var embedded = _decoder.Embed(previous);                              // [rows, emb]
        var (hidden, cell, context, weights) = _decoder.Recur(embedded, s.Hidden, s.Cell, s.Keys, s.Memory, s.Mask,
            s.CellGates);
        var logits = _decoder.ReadOut(cat([hidden, context], 1), s.Output);    // [rows, vocab]
        s.Advance(hidden, cell);
        return (logits, weights.unsqueeze(1).unsqueeze(1));                    // [rows, 1, 1, srcLen]
    }

    private (Tensor Memory, Tensor Keys, Tensor Mask, Tensor Hidden, Tensor Cell) Encode(Tensor source, Tensor lengths)
    {
        var (memory, finalHidden, finalCell) = _encoder.Forward(source, lengths);
        var (hidden, cell) = _decoder.InitialState(finalHidden, finalCell);
        return (memory, _decoder.ProjectKeys(memory), source.ne(SpecialTokens.Pad), hidden, cell);
    }
}
