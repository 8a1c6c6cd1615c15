namespace Seq2Seq.Train.Alignments;

/// <summary>What a line of an alignment comparison measures.</summary>
public enum SummaryRowKind
{
    /// <summary>A model's attention read under one configuration, scored against the gold links.</summary>
    Attention,

    /// <summary>A reference aligner such as <see cref="DiagonalAligner"/>, scored against the gold links.</summary>
    Baseline,

    /// <summary>Two models' chosen hard alignments scored against each other (S = P); no gold involved.</summary>
    Agreement,
}

/// <summary>One line of an alignment comparison: which attention was read how, and how well it aligns.</summary>
/// <param name="Model">e.g. <c>rnn</c>, <c>transformer</c>, <c>diagonal</c>; for an agreement row the two models,
/// <c>rnn vs transformer</c>.</param>
/// <param name="Layer">0-based decoder layer; null for models with one attention (shown as <c>-</c>).</param>
/// <param name="Head">0-based head; null for the mean over heads (shown as <c>mean</c> when a layer is given, else
/// <c>-</c>).</param>
/// <param name="Convention">The step-to-word convention (see <see cref="ShiftConvention"/>); null when not
/// applicable, e.g. a baseline (shown as <c>-</c>).</param>
/// <param name="Score">AER, precision and recall on the test set (for an agreement row: of the first model against
/// the second); null without test gold.</param>
public sealed record AlignmentSummaryRow(
    string Model, int? Layer, int? Head, AttentionConvention? Convention, AlignmentScore? Score)
{
    public SummaryRowKind Kind { get; init; } = SummaryRowKind.Attention;

    /// <summary>The same measure on the dev set, on which configurations are chosen; null without dev gold.</summary>
    public AlignmentScore? DevScore { get; init; }

    /// <summary>Whether this is the model's chosen configuration (lowest dev AER among its layers' head means and
    /// conventions).</summary>
    public bool Chosen { get; init; }
}
