using Seq2Seq.Data;
using Seq2Seq.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Rnn;

/// <summary>
/// The bidirectional LSTM encoder of Bahdanau et al. 2015 (§3.2): each source position is represented by the
/// concatenation of a forward and a backward hidden state. Sentences are packed by their true lengths, so padding
/// changes nothing: padded positions of the output are 0 and the final states are those of the last real token. In
/// evaluation without gradients on one thread (each share of a search), <see cref="BidirectionalLstmKernel"/> runs
/// the LSTM instead of LibTorch.
/// </summary>
public sealed class RecurrentEncoder : nn.Module
{
    private readonly Embedding _embedding;
    private readonly FastDropout _dropout;
    private readonly LSTM _lstm;

    public RecurrentEncoder(RnnOptions options, int vocabularySize) : base(nameof(RecurrentEncoder))
    {
        _embedding = nn.Embedding(vocabularySize, options.EmbeddingSize, padding_idx: SpecialTokens.Pad);
        _dropout = new FastDropout(options.Dropout);
        _lstm = nn.LSTM(options.EmbeddingSize, options.HiddenSize, options.EncoderLayers, batchFirst: true,
            dropout: options.EncoderLayers > 1 ? options.Dropout : 0, bidirectional: true);
        RegisterComponents();
    }

    /// <param name="source">[batch, srcLen] int64</param>
    /// <param name="lengths">[batch] int64 true lengths</param>
    /// <returns>the states [batch, srcLen, 2·hidden] (0 at padding), and the last layer's final hidden and cell states
    /// with both directions concatenated, [batch, 2·hidden] each</returns>
    public (Tensor Memory, Tensor FinalHidden, Tensor FinalCell) Forward(Tensor source, Tensor lengths)
    {
        var embedded = _dropout.call(_embedding.call(source));                    // [batch, srcLen, emb]
        if (BidirectionalLstmKernel.Suits(_lstm))
        {
            var (states, finalHidden, finalCell) = BidirectionalLstmKernel.Forward(_lstm, embedded, lengths);
            return (states, LastLayer(finalHidden), LastLayer(finalCell));
        }
        var packed = nn.utils.rnn.pack_padded_sequence(embedded, lengths.cpu(), batch_first: true,
            enforce_sorted: false);
        var (output, hidden, cell) = _lstm.call(packed);                          // h, c: [layers·2, batch, hidden]
        var (memory, _) = nn.utils.rnn.pad_packed_sequence(output, batch_first: true,
            total_length: source.shape[1]);                                       // [batch, srcLen, 2·hidden]
        return (memory, LastLayer(hidden), LastLayer(cell));
    }

    /// <returns>[batch, 2·hidden]: the last layer's forward and backward final states side by side</returns>
    private static Tensor LastLayer(Tensor state) => cat([state[-2], state[-1]], 1);
}
