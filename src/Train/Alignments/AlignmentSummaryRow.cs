namespace Seq2Seq.Train.Alignments;

/// <summary>One line of an alignment comparison: which attention was read how, and how well it aligns.</summary>
/// <param name="Model">e.g. <c>rnn</c>, <c>transformer</c>, <c>diagonal</c>.</param>
/// <param name="Layer">0-based decoder layer; null for models with one attention (shown as <c>-</c>).</param>
/// <param name="Head">0-based head; null for the mean over heads (shown as <c>mean</c> when a layer is given, else
/// <c>-</c>).</param>
/// <param name="Convention">The step-to-word convention (see <see cref="ShiftConvention"/>); null when not
/// applicable, e.g. a baseline (shown as <c>-</c>).</param>
/// <param name="Score">AER, precision, recall and the sentence count.</param>
public sealed record AlignmentSummaryRow(
    string Model, int? Layer, int? Head, AttentionConvention? Convention, AlignmentScore Score);
