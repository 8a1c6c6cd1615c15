namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Reads a teacher-forced attention matrix under one of two conventions (Chen et al., 2020, "Accurate Word Alignment
/// Induction from Neural Machine Translation", section 3: "shift-att").
/// </summary>
/// <remarks>
/// Let the target words be y_1..y_n, with y_0 = <c>&lt;s&gt;</c> and y_{n+1} = <c>&lt;/s&gt;</c>. Teacher forcing runs
/// n + 1 decoder steps t = 0..n; step t reads input y_t and predicts y_{t+1}, and row t of the step matrix
/// [n + 1, srcLen] is its attention. So row 0 predicts y_1 from <c>&lt;s&gt;</c> and row n predicts <c>&lt;/s&gt;</c>
/// from y_n.
/// <list type="bullet">
/// <item><see cref="AttentionConvention.Naive"/>: y_i takes the row of the step that predicts it, row i − 1;
/// the word matrix is rows 0..n−1 (the <c>&lt;/s&gt;</c>-predicting row n is dropped).</item>
/// <item><see cref="AttentionConvention.Shifted"/>: y_i takes the row of the step whose input it is, row i; the word
/// matrix is rows 1..n (row 0, whose input is <c>&lt;s&gt;</c>, is dropped). At that step the decoder has seen y_i
/// and attends to the source words it translates, which aligns better in Transformers.</item>
/// </list>
/// Either way the result is [n, srcLen] with row k (0-based) belonging to y_{k+1}.
/// </remarks>
public static class ShiftConvention
{
    /// <summary>The per-word rows of a step matrix.</summary>
    /// <param name="stepAttention">[n + 1, srcLen]: row t is the attention of the decoder step with input y_t.</param>
    /// <param name="convention">Which step's row each word takes.</param>
    /// <returns>[n, srcLen]: row k is target word y_{k+1}.</returns>
    public static float[,] Select(float[,] stepAttention, AttentionConvention convention)
    {
        ArgumentNullException.ThrowIfNull(stepAttention);
        int steps = stepAttention.GetLength(0), sourceLength = stepAttention.GetLength(1);
        if (steps < 1)
            throw new ArgumentException("a teacher-forced matrix has at least one row (the step predicting </s>)",
                nameof(stepAttention));
        int first = convention switch
        {
            AttentionConvention.Naive => 0,
            AttentionConvention.Shifted => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, null),
        };

        var words = new float[steps - 1, sourceLength];
        for (int k = 0; k < steps - 1; k++)
            for (int s = 0; s < sourceLength; s++)
                words[k, s] = stepAttention[first + k, s];
        return words;
    }
}
