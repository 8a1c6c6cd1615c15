using System.Globalization;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Which attention matrix of a model is read as its word alignment: a decoder layer, one head or the mean over heads,
/// and the step-to-word convention (<see cref="ShiftConvention"/>). Layers and heads count from 0.
/// </summary>
/// <param name="Layer">0-based decoder layer; null for a model with a single attention (the RNN).</param>
/// <param name="Head">0-based head; null for the mean over the layer's heads (or the single attention).</param>
/// <param name="Convention">Which step's row each target word takes.</param>
public sealed record AlignmentConfiguration(int? Layer, int? Head, AttentionConvention Convention)
{
    /// <summary>
    /// Every configuration of a model with <paramref name="layers"/> × <paramref name="heads"/> cross-attentions, in
    /// the order the summary table lists them: by layer, the head mean before the single heads, naive before shifted.
    /// A model with one layer of one head (the RNN) has just its attention under the two conventions; a layer with
    /// one head has no separate head entries (they would equal the mean).
    /// </summary>
    public static IReadOnlyList<AlignmentConfiguration> All(int layers, int heads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        var conventions = Enum.GetValues<AttentionConvention>();
        if (layers == 1 && heads == 1)
            return [.. conventions.Select(c => new AlignmentConfiguration(null, null, c))];
        var all = new List<AlignmentConfiguration>();
        for (int layer = 0; layer < layers; layer++)
        {
            all.AddRange(conventions.Select(c => new AlignmentConfiguration(layer, null, c)));
            if (heads == 1)
                continue;
            for (int head = 0; head < heads; head++)
                all.AddRange(conventions.Select(c => new AlignmentConfiguration(layer, head, c)));
        }
        return all;
    }

    /// <summary>The configurations a layer is chosen among: every layer's head mean, under both conventions.</summary>
    public static IReadOnlyList<AlignmentConfiguration> Candidates(int layers, int heads) =>
        [.. All(layers, heads).Where(c => c.Head is null)];

    /// <summary>
    /// What is used when nothing was chosen (no dev gold): the last layer's head mean under the naive convention —
    /// the matrix JoeyNMT draws.
    /// </summary>
    public static AlignmentConfiguration Default(int layers, int heads) =>
        layers == 1 && heads == 1
            ? new AlignmentConfiguration(null, null, AttentionConvention.Naive)
            : new AlignmentConfiguration(layers - 1, null, AttentionConvention.Naive);

    /// <summary>The part of a file name that tells the configuration: <c>naive</c> for a single attention,
    /// <c>L2.Hmean.shifted</c> or <c>L2.H0.naive</c> for a layer.</summary>
    public string FileStem()
    {
        string convention = ConventionName(Convention);
        if (Layer is not { } layer)
            return Head is { } single ? $"H{single.ToString(CultureInfo.InvariantCulture)}.{convention}" : convention;
        string head = Head?.ToString(CultureInfo.InvariantCulture) ?? "mean";
        return $"L{layer.ToString(CultureInfo.InvariantCulture)}.H{head}.{convention}";
    }

    /// <summary>e.g. <c>layer 2 · mean · shifted</c>, or <c>naive</c> for a single attention.</summary>
    public string Describe()
    {
        string convention = ConventionName(Convention);
        if (Layer is not { } layer)
            return Head is { } single ? $"head {single} · {convention}" : convention;
        return $"layer {layer} · {(Head is { } head ? $"head {head}" : "mean")} · {convention}";
    }

    /// <summary><c>naive</c> or <c>shifted</c>, as files and tables write it.</summary>
    public static string ConventionName(AttentionConvention convention) => convention.ToString().ToLowerInvariant();
}
