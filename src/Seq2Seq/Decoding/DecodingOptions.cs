namespace Seq2Seq.Decoding;

/// <summary>How long hypotheses may grow and how beam search ranks them.</summary>
public sealed record DecodingOptions
{
    /// <summary>A hypothesis ends at the latest after <c>⌊ratio · sourceLength + offset⌋</c> tokens, &lt;/s&gt; included,
    /// where the source length counts the source's &lt;/s&gt;.</summary>
    public double MaxLengthRatio { get; init; } = 1.5;

    /// <summary>See <see cref="MaxLengthRatio"/>.</summary>
    public int MaxLengthOffset { get; init; } = 10;

    /// <summary>Beam search's length penalty α of Wu et al. 2016 (GNMT, §7): scores are divided by
    /// <c>((5 + length) / 6)^α</c>; 0 ranks by the raw log-probability.</summary>
    public double LengthPenalty { get; init; } = 1.0;

    /// <summary>How many hypotheses beam search returns per sentence (at most the beam size).</summary>
    public int NBest { get; init; } = 1;

    /// <summary>When false, &lt;/s&gt; is an ordinary token and every hypothesis runs to its maximum length (the
    /// benchmark's fixed-length protocol).</summary>
    public bool StopAtEos { get; init; } = true;

    /// <summary>When true (the default), a model that decodes faster so (<see cref="Models.Seq2SeqModel
    /// .DecodesSentencesInParallel"/>) has the sentences of a batch shared among LibTorch's threads on the CPU, each
    /// thread decoding its share alone (<see cref="SentenceParallelism"/>); when false, the whole batch is one search
    /// and every operation is spread over the threads.</summary>
    public bool ParallelSentences { get; init; } = true;

    /// <summary>The maximum number of tokens for a source of <paramref name="sourceLength"/> tokens.</summary>
    public int MaxLength(long sourceLength) => Math.Max(1, (int)Math.Floor(MaxLengthRatio * sourceLength + MaxLengthOffset));
}
