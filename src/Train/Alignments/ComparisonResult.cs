namespace Seq2Seq.Train.Alignments;

/// <summary>What <see cref="AlignmentComparison.Run"/> measured and wrote.</summary>
public sealed record ComparisonResult
{
    /// <summary>Every line of the summary table, in its order: each model's configurations (layers in order, the
    /// head mean before single heads, naive before shifted), the diagonal baseline, then one agreement row per pair of
    /// models (with two or more models).</summary>
    public required IReadOnlyList<AlignmentSummaryRow> Rows { get; init; }

    /// <summary>One entry per model, in the order the models were given.</summary>
    public required IReadOnlyList<ChosenAlignment> Chosen { get; init; }

    /// <summary>The content of <c>summary.md</c>: what was compared, the choices and the tables, to embed in a
    /// report.</summary>
    public required string Markdown { get; init; }

    /// <summary>Every file written, as full paths.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>The rows marked chosen (at most one per model; none without dev gold).</summary>
    public IReadOnlyList<AlignmentSummaryRow> ChosenRows => [.. Rows.Where(row => row.Chosen)];
}
