namespace Seq2Seq.Train.Alignments;

/// <summary>Which decoder step's attention is read as target word y_i's alignment; see <see cref="ShiftConvention"/>.</summary>
public enum AttentionConvention
{
    /// <summary>The attention of the step that <em>predicts</em> y_i (its input is y_{i−1}).</summary>
    Naive,

    /// <summary>The attention of the step whose <em>input</em> is y_i (it predicts y_{i+1}): Chen et al. (2020), "shift-att".</summary>
    Shifted,
}
