using Seq2Seq.Data;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Models;

/// <summary>Small random parallel data as padded tensors, for model tests.</summary>
internal static class TinyData
{
    /// <summary>Random id sequences (ids ≥ 4) with lengths in [minLength, maxLength].</summary>
    public static int[][] Sequences(Random random, int count, int vocabulary, int minLength, int maxLength) =>
        Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, random.Next(minLength, maxLength + 1))
                .Select(_ => random.Next(4, vocabulary)).ToArray())
            .ToArray();

    /// <summary>Sources with &lt;/s&gt; appended, right-padded to <paramref name="width"/> (or the longest).</summary>
    public static (Tensor Source, Tensor Lengths) Source(IReadOnlyList<int[]> sentences, int width = 0)
    {
        int w = Math.Max(width, sentences.Max(s => s.Length) + 1);
        var ids = new long[sentences.Count, w];
        for (int b = 0; b < sentences.Count; b++)
        {
            for (int i = 0; i < sentences[b].Length; i++)
                ids[b, i] = sentences[b][i];
            ids[b, sentences[b].Length] = SpecialTokens.Eos;
        }
        return (tensor(ids), tensor(sentences.Select(s => (long)s.Length + 1).ToArray()));
    }

    /// <summary>Decoder input (&lt;s&gt; y) and output (y &lt;/s&gt;), right-padded.</summary>
    public static (Tensor TargetIn, Tensor TargetOut) Target(IReadOnlyList<int[]> sentences)
    {
        int w = sentences.Max(s => s.Length) + 1;
        var input = new long[sentences.Count, w];
        var output = new long[sentences.Count, w];
        for (int b = 0; b < sentences.Count; b++)
        {
            input[b, 0] = SpecialTokens.Bos;
            for (int i = 0; i < sentences[b].Length; i++)
            {
                input[b, i + 1] = sentences[b][i];
                output[b, i] = sentences[b][i];
            }
            output[b, sentences[b].Length] = SpecialTokens.Eos;
        }
        return (tensor(input), tensor(output));
    }
}
