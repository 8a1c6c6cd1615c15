using Seq2Seq.Data;
using Seq2Seq.Transformer;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

/// <summary>Tiny models and batches for the Transformer tests.</summary>
internal static class TinyTransformer
{
    public const int SourceVocabulary = 20;
    public const int TargetVocabulary = 22;

    public static TransformerOptions Options(bool preNorm = true) => new()
    {
        ModelSize = 16,
        Heads = 2,
        EncoderLayers = 2,
        DecoderLayers = 2,
        FeedForwardSize = 32,
        Dropout = 0.1,
        PreNorm = preNorm,
    };

    /// <summary>A seeded model in eval mode (no dropout), built outside any dispose scope.</summary>
    public static TransformerModel Create(bool preNorm = true, int seed = 1, TransformerOptions? options = null)
    {
        manual_seed(seed);
        var model = new TransformerModel(options ?? Options(preNorm), SourceVocabulary, TargetVocabulary);
        model.eval();
        return model;
    }

    /// <summary>Source sentences (each gets &lt;/s&gt;) right-padded to the longest plus <paramref name="extraPadding"/>.</summary>
    /// <returns>ids [batch, srcLen] and lengths [batch]</returns>
    public static (Tensor Source, Tensor Lengths) Source(long[][] sentences, int extraPadding = 0)
    {
        var rows = sentences.Select(s => s.Append(SpecialTokens.Eos).ToArray()).ToArray();
        return (Padded(rows, extraPadding), tensor(rows.Select(r => (long)r.Length).ToArray()));
    }

    /// <summary>Decoder inputs (each starts with &lt;s&gt;) right-padded to the longest plus <paramref name="extraPadding"/>.</summary>
    /// <returns>[batch, tgtLen]</returns>
    public static Tensor TargetIn(long[][] sentences, int extraPadding = 0) =>
        Padded(sentences.Select(s => s.Prepend(SpecialTokens.Bos).ToArray()).ToArray(), extraPadding);

    /// <summary>Decoder outputs (each ends with &lt;/s&gt;) right-padded to the longest.</summary>
    /// <returns>[batch, tgtLen]</returns>
    public static Tensor TargetOut(long[][] sentences) =>
        Padded(sentences.Select(s => s.Append(SpecialTokens.Eos).ToArray()).ToArray(), 0);

    private static Tensor Padded(long[][] rows, int extraPadding)
    {
        int width = rows.Max(r => r.Length) + extraPadding;
        var ids = new long[rows.Length * width];
        for (int b = 0; b < rows.Length; b++)
            Array.Copy(rows[b], 0, ids, b * width, rows[b].Length);
        return tensor(ids, [rows.Length, width]);
    }

    /// <summary>Three sentences of different lengths (so two are padded) and their decoder inputs.</summary>
    public static long[][] Sources { get; } = [[5, 6, 7, 8, 9], [10, 11], [12, 13, 14, 15, 16, 17, 18]];

    public static long[][] Targets { get; } = [[4, 5, 6, 7], [8, 9, 10, 11], [12, 13, 14, 15]];
}
