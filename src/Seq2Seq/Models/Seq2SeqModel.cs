using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Models;

/// <summary>
/// The contract both architectures implement, so that training, greedy and beam search, evaluation and alignment
/// export drive either model without knowing which one it is.
/// <list type="bullet">
/// <item><see cref="Forward"/>: the teacher-forced pass used for training and forced decoding.</item>
/// <item><see cref="StartDecoding"/> then <see cref="Step"/>: encode once, then decode one token at a time from an
/// explicit <see cref="DecoderState"/> that search algorithms reorder.</item>
/// </list>
/// Cross-attention always has the shape of a stack of layers and heads: the RNN reports one layer with one head
/// (its Bahdanau weights); the Transformer reports every decoder layer and head.
/// Source tensors are right-padded with <c>SpecialTokens.Pad</c> and end with <c>&lt;/s&gt;</c>.
/// </summary>
public abstract class Seq2SeqModel(string name) : nn.Module(name)
{
    /// <summary>The number of decoder layers whose cross-attention is reported (1 for the RNN).</summary>
    public abstract int AttentionLayers { get; }

    /// <summary>The number of heads per reported layer (1 for the RNN).</summary>
    public abstract int AttentionHeads { get; }

    public abstract int TargetVocabularySize { get; }

    /// <summary>Teacher-forced forward pass.</summary>
    /// <param name="source">[batch, srcLen] int64 ids</param>
    /// <param name="sourceLengths">[batch] int64 true lengths (including &lt;/s&gt;)</param>
    /// <param name="targetIn">[batch, tgtLen] int64 ids, starting with &lt;s&gt;</param>
    /// <param name="withAttention">whether to return the cross-attention (training can skip it)</param>
    /// <returns>logits [batch, tgtLen, vocab] and, if asked for, cross-attention
    /// [batch, layers, heads, tgtLen, srcLen] whose rows sum to 1 over real source positions; what they hold at
    /// padding positions of <paramref name="targetIn"/> is unspecified</returns>
    public abstract (Tensor Logits, Tensor? CrossAttention) Forward(
        Tensor source, Tensor sourceLengths, Tensor targetIn, bool withAttention = true);

    /// <summary>
    /// The teacher-forced pass for training, stopped before the vocabulary projection and kept to the real target
    /// positions, so that the costliest layer and the loss run only where a token is predicted. Together with
    /// <see cref="Project"/> it gives the logits of <see cref="Forward"/> at those positions.
    /// </summary>
    /// <param name="source">[batch, srcLen]</param>
    /// <param name="sourceLengths">[batch]</param>
    /// <param name="targetIn">[batch, tgtLen]</param>
    /// <returns>[tokens, features]: one row per non-padding position of <paramref name="targetIn"/>, in row-major
    /// order (the order of <c>targetIn.ne(Pad)</c>'s true entries)</returns>
    public abstract Tensor TargetFeatures(Tensor source, Tensor sourceLengths, Tensor targetIn);

    /// <summary>The vocabulary projection (and whatever follows the decoder's last state).</summary>
    /// <param name="features">[..., features] from <see cref="TargetFeatures"/></param>
    /// <returns>logits [..., vocab]</returns>
    public abstract Tensor Project(Tensor features);

    /// <summary>Encodes the source once and returns the state before the first decoding step.</summary>
    /// <param name="source">[batch, srcLen]</param>
    /// <param name="sourceLengths">[batch]</param>
    /// <param name="repeat">rows per sentence (the beam size): the state has batch·repeat rows, each sentence's rows
    /// adjacent (row b·repeat + k)</param>
    public abstract DecoderState StartDecoding(Tensor source, Tensor sourceLengths, int repeat = 1);

    /// <summary>Whether searches on the CPU share a batch's sentences among LibTorch's threads, each decoding its share
    /// on one thread (<see cref="Decoding.SentenceParallelism"/>), rather than spreading every operation over the
    /// threads.</summary>
    public virtual bool DecodesSentencesInParallel => false;

    /// <summary>Advances the state by one target token.</summary>
    /// <param name="state">the state of rows·1 hypotheses; updated in place</param>
    /// <param name="previous">[rows] int64, the previous target token of each row (&lt;s&gt; at the first step)</param>
    /// <returns>logits [rows, vocab] for the next token and the cross-attention [rows, layers, heads, srcLen] of
    /// this step</returns>
    public abstract (Tensor Logits, Tensor CrossAttention) Step(DecoderState state, Tensor previous);
}
