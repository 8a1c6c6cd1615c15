using Seq2Seq.Data;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// The cross-attention of one forced-decoded sentence pair at the level of BPE pieces, every layer and head, and the
/// word-level matrices read from it.
/// </summary>
/// <remarks>
/// <para>Step matrices: with target pieces y_1..y_n and source pieces x_1..x_m, teacher forcing runs n + 1 decoder
/// steps; step t (0-based) reads y_t (y_0 = <c>&lt;s&gt;</c>) and predicts y_{t+1} (y_{n+1} = <c>&lt;/s&gt;</c>). Row t of
/// a step matrix is that step's attention over the m + 1 source positions x_1..x_m, <c>&lt;/s&gt;</c>.</para>
/// <para>Word matrices (<see cref="WordMatrix"/>), in three steps:</para>
/// <list type="number">
/// <item>the layer's head, or the mean of its heads;</item>
/// <item>one row per target piece, by the convention (<see cref="ShiftConvention"/>): naive gives piece y_i row
/// i − 1 (rows 0..n−1, the step predicting it), shifted gives it row i (rows 1..n, the step reading it);</item>
/// <item>pieces merged into words (<see cref="SubwordMerger"/>): source columns of a word summed, target rows of a word
/// averaged; the source <c>&lt;/s&gt;</c> column kept as the last column.</item>
/// </list>
/// The result is [targetWords, sourceWords + 1] and each row sums to 1 (up to rounding), since each step's attention
/// does.
/// </remarks>
public sealed class SentenceAttention
{
    /// <param name="source">The source sentence (m pieces).</param>
    /// <param name="target">The target sentence that was forced (n pieces).</param>
    /// <param name="steps">[layers, heads, n + 1, m + 1]: the step matrices (see the remarks).</param>
    public SentenceAttention(SegmentedSentence source, SegmentedSentence target, float[,,,] steps)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.GetLength(0) < 1 || steps.GetLength(1) < 1
            || steps.GetLength(2) != target.Ids.Length + 1 || steps.GetLength(3) != source.Ids.Length + 1)
            throw new ArgumentException(
                $"steps are [{steps.GetLength(0)}, {steps.GetLength(1)}, {steps.GetLength(2)}, {steps.GetLength(3)}] " +
                $"but expected [layers, heads, {target.Ids.Length + 1}, {source.Ids.Length + 1}]", nameof(steps));
        Source = source;
        Target = target;
        Steps = steps;
    }

    public SegmentedSentence Source { get; }

    public SegmentedSentence Target { get; }

    /// <summary>[layers, heads, targetPieces + 1, sourcePieces + 1].</summary>
    public float[,,,] Steps { get; }

    public int Layers => Steps.GetLength(0);

    public int Heads => Steps.GetLength(1);

    /// <summary>Every configuration this sentence has a matrix for (<see cref="AlignmentConfiguration.All"/>).</summary>
    public IReadOnlyList<AlignmentConfiguration> Configurations => AlignmentConfiguration.All(Layers, Heads);

    /// <summary>One layer's step matrix: a head's, or the mean over the heads.</summary>
    /// <param name="layer">0-based layer; null only for a single-layer model.</param>
    /// <param name="head">0-based head; null for the mean over heads.</param>
    /// <returns>[targetPieces + 1, sourcePieces + 1]</returns>
    public float[,] StepMatrix(int? layer, int? head)
    {
        if (layer is null && Layers != 1)
            throw new ArgumentException($"the model has {Layers} layers: name one", nameof(layer));
        int l = layer ?? 0;
        ArgumentOutOfRangeException.ThrowIfNegative(l, nameof(layer));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(l, Layers, nameof(layer));
        if (head is { } h)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(h, nameof(head));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(h, Heads, nameof(head));
        }
        int rows = Steps.GetLength(2), columns = Steps.GetLength(3);
        int first = head ?? 0, last = head ?? Heads - 1;
        var matrix = new float[rows, columns];
        for (int t = 0; t < rows; t++)
        {
            for (int s = 0; s < columns; s++)
            {
                double sum = 0;
                for (int k = first; k <= last; k++)
                    sum += Steps[l, k, t, s];
                matrix[t, s] = (float)(sum / (last - first + 1));
            }
        }
        return matrix;
    }

    /// <summary>The word-level matrix of one configuration (see the remarks).</summary>
    /// <param name="configuration">Layer, head or mean, and convention.</param>
    /// <param name="model">The model's name, carried by the result.</param>
    /// <returns>[targetWords, sourceWords + 1], the last column <c>&lt;/s&gt;</c>.</returns>
    public AlignmentMatrix WordMatrix(AlignmentConfiguration configuration, string model = "")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        float[,] rows = ShiftConvention.Select(StepMatrix(configuration.Layer, configuration.Head),
            configuration.Convention);                                       // [targetPieces, sourcePieces + 1]
        IReadOnlyList<IReadOnlyList<int>> sourceWords = [.. Source.WordsOfPiece, []];
        float[,] words = SubwordMerger.Merge(rows, sourceWords, Source.Words.Count, Target.WordsOfPiece,
            Target.Words.Count, SourceSpecialPieces.NullColumn);             // [targetWords, sourceWords + 1]
        return new AlignmentMatrix([.. Source.Words, SpecialTokens.EosToken], Target.Words, words)
        {
            Model = model,
            Layer = configuration.Layer,
            Head = configuration.Head,
            Convention = configuration.Convention,
        };
    }

    /// <summary>The word matrices of every configuration, in <see cref="Configurations"/> order.</summary>
    public IReadOnlyList<AlignmentMatrix> WordMatrices(string model = "") =>
        [.. Configurations.Select(configuration => WordMatrix(configuration, model))];

    /// <summary>The hard alignment of one configuration: each target word's argmax source word, none when the
    /// argmax is <c>&lt;/s&gt;</c> (<see cref="EosColumn.LeavesUnaligned"/>).</summary>
    public IReadOnlyList<AlignmentLink> HardAlignment(AlignmentConfiguration configuration) =>
        HardAligner.Align(WordMatrix(configuration).Weights, EosColumn.LeavesUnaligned);
}
