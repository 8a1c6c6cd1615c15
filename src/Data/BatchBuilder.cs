using static TorchSharp.torch;

namespace Seq2Seq.Data;

/// <summary>
/// Turns encoded pairs into a padded <see cref="Batch"/>: source <c>x₁ … xₘ &lt;/s&gt;</c>, decoder input
/// <c>&lt;s&gt; y₁ … yₙ</c>, decoder output <c>y₁ … yₙ &lt;/s&gt;</c>, right-padded with &lt;pad&gt; (0). The tensors are
/// created in the caller's dispose scope, if any.
/// </summary>
public static class BatchBuilder
{
    /// <param name="pairIndices">the pairs of the batch, in row order</param>
    /// <param name="sourceIds">every pair's source ids, without special tokens</param>
    /// <param name="targetIds">every pair's target ids, without special tokens</param>
    public static Batch Build(IReadOnlyList<int> pairIndices, IReadOnlyList<int[]> sourceIds, IReadOnlyList<int[]> targetIds)
    {
        int rows = pairIndices.Count;
        if (rows == 0)
            throw new ArgumentException("a batch needs at least one pair", nameof(pairIndices));
        int sourceLength = pairIndices.Max(i => sourceIds[i].Length) + 1;
        int targetLength = pairIndices.Max(i => targetIds[i].Length) + 1;

        var source = new long[rows * sourceLength];
        var lengths = new long[rows];
        var mask = new bool[rows * sourceLength];
        var targetIn = new long[rows * targetLength];
        var targetOut = new long[rows * targetLength];
        long targetTokens = 0;
        for (int row = 0; row < rows; row++)
        {
            int[] x = sourceIds[pairIndices[row]];
            int[] y = targetIds[pairIndices[row]];
            int s = row * sourceLength, t = row * targetLength;
            for (int i = 0; i < x.Length; i++)
                source[s + i] = x[i];
            source[s + x.Length] = SpecialTokens.Eos;
            mask.AsSpan(s, x.Length + 1).Fill(true);
            lengths[row] = x.Length + 1;

            targetIn[t] = SpecialTokens.Bos;
            for (int i = 0; i < y.Length; i++)
            {
                targetIn[t + i + 1] = y[i];
                targetOut[t + i] = y[i];
            }
            targetOut[t + y.Length] = SpecialTokens.Eos;
            targetTokens += y.Length + 1;
        }

        return new Batch
        {
            Source = tensor(source, [rows, sourceLength]),               // [batch, srcLen]
            SourceLengths = tensor(lengths),                             // [batch]
            SourceMask = tensor(mask, [rows, sourceLength]),             // [batch, srcLen]
            TargetIn = tensor(targetIn, [rows, targetLength]),           // [batch, tgtLen]
            TargetOut = tensor(targetOut, [rows, targetLength]),         // [batch, tgtLen]
            PairIndices = [.. pairIndices],
            TargetTokens = targetTokens,
        };
    }
}
