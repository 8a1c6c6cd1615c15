using Seq2Seq.Attention;
using Seq2Seq.Data;
using Seq2Seq.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>
/// The Transformer, Vaswani et al. 2017 ("Attention Is All You Need"), built from its parts so that the
/// cross-attention of every decoder layer and head can be read.
/// <list type="bullet">
/// <item>Inputs (§3.4, §3.5): <c>Dropout(E[ids]·√d + PE[position])</c>, positions counted from 0; row
/// <see cref="SpecialTokens.Pad"/> of each embedding starts at zero and gets no gradient from lookups (a tied target
/// embedding's Pad row still learns as a row of the output projection).</item>
/// <item>Encoder and decoder stacks (§3.1) of pre-LN or post-LN layers; the encoder's self-attention and the
/// cross-attention ignore source padding (<c>source == Pad</c>); the decoder's self-attention is causal.</item>
/// <item>Output (§3.4): <c>logits = h·Wᵀ + b</c>, where W is the target embedding itself when tied (Press &amp; Wolf
/// 2017) — one tensor, counted once — and b is the projection's own bias.</item>
/// </list>
/// Initialisation: embeddings (and an untied output weight) N(0, d^−½); attention and feed-forward weights
/// Xavier-uniform as in PyTorch's nn.Transformer.
/// </summary>
public sealed class TransformerModel : Seq2SeqModel
{
    private readonly Embedding sourceEmbedding;
    private readonly Embedding targetEmbedding;
    private readonly PositionalEncoding positionalEncoding;
    private readonly FastDropout embeddingDropout;
    private readonly TransformerEncoder encoder;
    private readonly TransformerDecoder decoder;
    private readonly Parameter? outputWeight;
    private readonly Parameter outputBias;
    private readonly double embeddingScale;

    /// <param name="options">the model's shape; validated here</param>
    /// <param name="sourceVocabularySize">the source vocabulary size (special tokens included)</param>
    /// <param name="targetVocabularySize">the target vocabulary size (special tokens included)</param>
    public TransformerModel(TransformerOptions options, int sourceVocabularySize, int targetVocabularySize)
        : base(nameof(TransformerModel))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sourceVocabularySize, SpecialTokens.Eos);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(targetVocabularySize, SpecialTokens.Eos);
        Options = options;
        SourceVocabularySize = sourceVocabularySize;
        TargetVocabularySize = targetVocabularySize;
        int d = options.ModelSize;
        embeddingScale = Math.Sqrt(d);

        sourceEmbedding = CreateEmbedding(sourceVocabularySize, d);
        targetEmbedding = CreateEmbedding(targetVocabularySize, d);
        positionalEncoding = new PositionalEncoding(nameof(positionalEncoding), d);
        embeddingDropout = new FastDropout(options.Dropout);
        encoder = new TransformerEncoder(nameof(encoder), options);
        decoder = new TransformerDecoder(nameof(decoder), options);
        using (no_grad())
        {
            if (!options.TieTargetEmbedding)
                outputWeight = CreateParameter(empty(targetVocabularySize, d).normal_(0, Math.Pow(d, -0.5)));
            // nn.Linear's bias initialisation: U(−1/√d, 1/√d).
            outputBias = CreateParameter(empty(targetVocabularySize).uniform_(-1 / Math.Sqrt(d), 1 / Math.Sqrt(d)));
        }
        RegisterComponents();
    }

    public TransformerOptions Options { get; }

    public int SourceVocabularySize { get; }

    public override int TargetVocabularySize { get; }

    public override int AttentionLayers => Options.DecoderLayers;

    public override int AttentionHeads => Options.Heads;

    /// <summary>The target embedding matrix [targetVocabulary, d].</summary>
    public Parameter TargetEmbeddingWeight => targetEmbedding.weight!;

    /// <summary>The weight of the output projection [targetVocabulary, d]: the target embedding matrix itself when
    /// <see cref="TransformerOptions.TieTargetEmbedding"/> is set.</summary>
    public Parameter OutputWeight => outputWeight ?? targetEmbedding.weight!;

    /// <summary>Runs the encoder.</summary>
    /// <param name="source">[batch, srcLen] int64 ids, right-padded</param>
    /// <returns>the memory [batch, srcLen, d] (zero at padding positions) and the additive key-padding mask
    /// [batch, 1, 1, srcLen] (−∞ where the source is <see cref="SpecialTokens.Pad"/>)</returns>
    public (Tensor Memory, Tensor SourceMask) Encode(Tensor source)
    {
        RequireIds(source, nameof(source));
        var (memory, layout, sourceMask) = EncodeTokens(source);
        return (layout.Unpack(memory), sourceMask);
    }

    /// <inheritdoc/>
    /// <remarks>The padding mask comes from <c>source == Pad</c>; <paramref name="sourceLengths"/> is only checked
    /// for its shape. Every position-wise computation runs on the real tokens only (see <see cref="TokenLayout"/>):
    /// the logits at padding positions of <paramref name="targetIn"/> are the output bias alone. Without
    /// <paramref name="withAttention"/>, attention uses LibTorch's fused kernel wherever that is the faster way (see
    /// <see cref="MultiHeadAttention"/>).</remarks>
    public override (Tensor Logits, Tensor? CrossAttention) Forward(
        Tensor source, Tensor sourceLengths, Tensor targetIn, bool withAttention = true)
    {
        var (hidden, layout, attention) = Decode(source, sourceLengths, targetIn, withAttention); // [tgtTokens, d]
        // Projecting the padded grid costs less than scattering [tgtTokens, V] logits into it.
        var logits = Project(layout.Unpack(hidden));                           // [batch, tgtLen, V]
        return (logits, attention);                                 // attention [batch, layers, heads, tgtLen, srcLen]
    }

    /// <inheritdoc/>
    /// <remarks>The decoder's output at the real target tokens, which it computes packed anyway.</remarks>
    public override Tensor TargetFeatures(Tensor source, Tensor sourceLengths, Tensor targetIn) =>
        Decode(source, sourceLengths, targetIn, withAttention: false).Hidden;  // [tgtTokens, d]

    /// <summary>Encoder and decoder, teacher-forced, on the real tokens.</summary>
    /// <returns>the decoder output [tgtTokens, d], where those tokens sit, and the cross-attention if asked for</returns>
    private (Tensor Hidden, TokenLayout Layout, Tensor? Attention) Decode(
        Tensor source, Tensor sourceLengths, Tensor targetIn, bool withAttention)
    {
        RequireLengths(source, sourceLengths);
        RequireIds(targetIn, nameof(targetIn));
        if (targetIn.shape[0] != source.shape[0])
            throw new ArgumentException(
                $"targetIn has {targetIn.shape[0]} rows but source has {source.shape[0]}.", nameof(targetIn));

        return DecodeTarget(targetIn, EncodeTokens(source), withAttention);
    }

    /// <summary>The decoder, teacher-forced on the real tokens of <paramref name="targetIn"/>, over an encoded source.</summary>
    /// <param name="targetIn">[batch, tgtLen]</param>
    /// <param name="source">what <see cref="EncodeTokens"/> returned</param>
    /// <returns>the decoder output [tgtTokens, d], where those tokens sit, and the cross-attention if asked for</returns>
    private (Tensor Hidden, TokenLayout Layout, Tensor? Attention) DecodeTarget(Tensor targetIn,
        (Tensor Memory, TokenLayout Layout, Tensor SourceMask) source, bool withAttention)
    {
        var targetLayout = TokenLayout.Of(targetIn, SpecialTokens.Pad);
        var target = Embed(targetEmbedding, targetIn, targetLayout);             // [tgtTokens, d]
        var (hidden, attention) = decoder.forward(
            target, targetLayout, source.Memory, source.Layout, source.SourceMask, withAttention); // [tgtTokens, d]
        return (hidden, targetLayout, attention);
    }

    /// <summary>
    /// Encodes the source once and returns the teacher-forced decoder over it, for decoding without the incremental
    /// state: each step then re-runs the decoder on the whole prefix (see <see cref="Decoding.RecomputingGreedySearch"/>).
    /// </summary>
    /// <param name="source">[batch, srcLen] int64 ids, right-padded</param>
    /// <returns>a function from a target prefix [batch, t] (starting with &lt;s&gt;, no padding) to the decoder output
    /// at its last position [batch, d]</returns>
    public Func<Tensor, Tensor> PrefixDecoder(Tensor source)
    {
        RequireIds(source, nameof(source));
        var encoded = EncodeTokens(source);                                         // memory [srcTokens, d]
        return prefix =>
        {
            RequireIds(prefix, nameof(prefix));
            var (hidden, layout, _) = DecodeTarget(prefix, encoded, withAttention: false); // [batch·t, d]
            return layout.Unpack(hidden)[.., -1];                                       // [batch, d]
        };
    }

    /// <inheritdoc/>
    /// <remarks>The encoder runs once on the batch; each decoder layer's cross-attention keys and values are computed
    /// once per sentence and shared by the sentence's <paramref name="repeat"/> rows (see
    /// <see cref="TransformerDecoderState"/>).</remarks>
    public override DecoderState StartDecoding(Tensor source, Tensor sourceLengths, int repeat = 1)
    {
        RequireLengths(source, sourceLengths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repeat);
        var (memory, layout, sourceMask) = EncodeTokens(source);
        var output = new VocabularyProjection(OutputWeight, outputBias);
        return decoder.StartState(memory, layout, sourceMask, repeat, output);
    }

    /// <inheritdoc/>
    public override (Tensor Logits, Tensor CrossAttention) Step(DecoderState state, Tensor previous)
    {
        if (state is not TransformerDecoderState transformerState)
            throw new ArgumentException($"Expected a {nameof(TransformerDecoderState)}, got {state.GetType().Name}.",
                nameof(state));
        if (previous.dim() != 1 || previous.shape[0] != state.Rows)
            throw new ArgumentException(
                $"Expected previous tokens [{state.Rows}], got [{string.Join(", ", previous.shape)}].",
                nameof(previous));

        var position = positionalEncoding.Encoding(state.Steps, 1, previous.device);       // [1, d]
        var embedded = targetEmbedding.call(previous).mul_(embeddingScale).add_(position); // [rows, d]
        var (hidden, attention) = decoder.Step(embeddingDropout.call(embedded), transformerState); // [rows, d]
        transformerState.Advance();
        return (state.Output.Apply(hidden), attention);         // [rows, V], [rows, layers, heads, srcLen]
    }

    /// <returns>the memory [srcTokens, d], where its tokens sit, and the additive key-padding mask
    /// [batch, 1, 1, srcLen]</returns>
    private (Tensor Memory, TokenLayout Layout, Tensor SourceMask) EncodeTokens(Tensor source)
    {
        var (batch, length) = (source.shape[0], source.shape[1]);
        var layout = TokenLayout.Of(source, SpecialTokens.Pad);
        var sourceMask = ScaledDotProductAttention.AdditiveMask(source.ne(SpecialTokens.Pad))
            .view(batch, 1, 1, length);                                              // [batch, 1, 1, srcLen]
        var memory = encoder.forward(Embed(sourceEmbedding, source, layout), layout, sourceMask); // [srcTokens, d]
        return (memory, layout, sourceMask);
    }

    /// <summary>Dropout(E[ids]·√d + PE[position]) for the real tokens.</summary>
    /// <param name="ids">[batch, len]</param>
    /// <param name="layout">where the real tokens of <paramref name="ids"/> are</param>
    /// <returns>[tokens, d]</returns>
    private Tensor Embed(Embedding table, Tensor ids, TokenLayout layout)
    {
        var positions = positionalEncoding.Encoding(0, layout.Length, ids.device)   // [len, d]
            .index_select(0, layout.Positions(ids.device));                          // [tokens, d]
        var embedded = table.call(layout.Pack(ids)).mul_(embeddingScale);            // [tokens, d]
        return embeddingDropout.call(embedded.add_(positions));
    }

    /// <param name="hidden">[..., d]</param>
    /// <returns>logits [..., V]</returns>
    public override Tensor Project(Tensor hidden) => nn.functional.linear(hidden, OutputWeight, outputBias);

    private static Embedding CreateEmbedding(int vocabularySize, int modelSize)
    {
        var embedding = nn.Embedding(vocabularySize, modelSize, padding_idx: SpecialTokens.Pad);
        using (no_grad())
        {
            nn.init.normal_(embedding.weight!, 0, Math.Pow(modelSize, -0.5));
            embedding.weight![SpecialTokens.Pad].zero_();
        }
        return embedding;
    }

    /// <summary>A parameter that outlives any dispose scope the model is built in.</summary>
    private static Parameter CreateParameter(Tensor data)
    {
        var parameter = new Parameter(data);
        parameter.DetachFromDisposeScope();
        return parameter;
    }

    private static void RequireIds(Tensor ids, string name)
    {
        if (ids.dim() != 2 || ids.dtype != ScalarType.Int64)
            throw new ArgumentException(
                $"Expected {name} as [batch, length] int64, got [{string.Join(", ", ids.shape)}] {ids.dtype}.", name);
    }

    private static void RequireLengths(Tensor source, Tensor sourceLengths)
    {
        RequireIds(source, nameof(source));
        if (sourceLengths.dim() != 1 || sourceLengths.shape[0] != source.shape[0])
            throw new ArgumentException(
                $"Expected sourceLengths as [{source.shape[0]}], got [{string.Join(", ", sourceLengths.shape)}].",
                nameof(sourceLengths));
    }
}
