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

    public override (Tensor Logits, Tensor? CrossAttention) Forward(
        Tensor source, Tensor sourceLengths, Tensor targetIn, bool withAttention = true)
    {
        var (memory, keys, mask, hidden, cell) = Encode(source, sourceLengths);
        var embedded = _decoder.Embed(targetIn);                             // [batch, tgtLen, emb]
        long steps = targetIn.shape[1];
        var hiddens = new Tensor[steps];
        var contexts = new Tensor[steps];
        var weights = new Tensor[steps];
        for (int t = 0; t < steps; t++)
        {
            Tensor context;
            (hidden, cell, context, weights[t]) = _decoder.Recur(embedded[.., t], hidden, cell, keys, memory, mask);
            hiddens[t] = hidden;
            contexts[t] = context;
        }
        var logits = _decoder.ReadOut(stack(hiddens, 1), stack(contexts, 1)); // [batch, tgtLen, vocab]
        var attention = withAttention
            ? stack(weights, 1).unsqueeze(1).unsqueeze(1)                     // [batch, 1, 1, tgtLen, srcLen]
            : null;
        return (logits, attention);
    }

    public override DecoderState StartDecoding(Tensor source, Tensor sourceLengths, int repeat = 1)
    {
        var (memory, keys, mask, hidden, cell) = Encode(source, sourceLengths);
        if (repeat > 1)
        {
            hidden = hidden.repeat_interleave(repeat, 0);                     // [batch·repeat, hidden]
            cell = cell.repeat_interleave(repeat, 0);
        }
        return new RnnDecoderState(memory, keys, mask, hidden, cell);
    }

    public override (Tensor Logits, Tensor CrossAttention) Step(DecoderState state, Tensor previous)
    {
        var s = (RnnDecoderState)state;
        var embedded = _decoder.Embed(previous);                              // [rows, emb]
        var (hidden, cell, context, weights) = _decoder.Recur(embedded, s.Hidden, s.Cell, s.Keys, s.Memory, s.Mask);
        var logits = _decoder.ReadOut(hidden, context);                       // [rows, vocab]
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
