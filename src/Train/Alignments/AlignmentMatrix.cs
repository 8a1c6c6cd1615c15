namespace Seq2Seq.Train.Alignments;

/// <summary>
/// One sentence's word-level attention (soft alignment) matrix with its tokens and where it came from.
/// </summary>
/// <remarks>Equality compares <see cref="Weights"/> by reference, as for any array.</remarks>
public sealed record AlignmentMatrix
{
    /// <param name="sourceTokens">Column labels, one per column of <paramref name="weights"/> (a trailing null/
    /// <c>&lt;/s&gt;</c> column needs its own label).</param>
    /// <param name="targetTokens">Row labels, one per row.</param>
    /// <param name="weights">[targetTokens, sourceTokens] attention weights, normally in 0..1.</param>
    public AlignmentMatrix(IReadOnlyList<string> sourceTokens, IReadOnlyList<string> targetTokens, float[,] weights)
    {
        ArgumentNullException.ThrowIfNull(sourceTokens);
        ArgumentNullException.ThrowIfNull(targetTokens);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.GetLength(0) != targetTokens.Count || weights.GetLength(1) != sourceTokens.Count)
            throw new ArgumentException(
                $"weights are [{weights.GetLength(0)}, {weights.GetLength(1)}] but there are " +
                $"{targetTokens.Count} target and {sourceTokens.Count} source tokens", nameof(weights));
        SourceTokens = sourceTokens;
        TargetTokens = targetTokens;
        Weights = weights;
    }

    public IReadOnlyList<string> SourceTokens { get; }
    public IReadOnlyList<string> TargetTokens { get; }

    /// <summary>[targetTokens, sourceTokens].</summary>
    public float[,] Weights { get; }

    /// <summary>The model's name, e.g. <c>rnn</c> or <c>transformer</c>; empty when unknown.</summary>
    public string Model { get; init; } = "";

    /// <summary>0-based decoder layer; null for a model with a single attention (the RNN) or when unknown.</summary>
    public int? Layer { get; init; }

    /// <summary>0-based head; null for the mean over heads or a single-head attention.</summary>
    public int? Head { get; init; }

    /// <summary>The step-to-word convention (see <see cref="ShiftConvention"/>); null when not stated.</summary>
    public AttentionConvention? Convention { get; init; }

    /// <summary>A short description for titles: e.g. <c>transformer · layer 2 · mean · shifted</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Model.Length > 0)
            parts.Add(Model);
        if (Layer is { } layer)
        {
            parts.Add($"layer {layer}");
            parts.Add(Head is { } head ? $"head {head}" : "mean");
        }
        else if (Head is { } head)
        {
            parts.Add($"head {head}");
        }
        if (Convention is { } convention)
            parts.Add(convention.ToString().ToLowerInvariant());
        return string.Join(" · ", parts);
    }
}
