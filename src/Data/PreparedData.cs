namespace Seq2Seq.Data;

/// <summary>What <see cref="DataPreparation.Prepare"/> produces: the codecs (tokenizers and vocabularies), the
/// encoded splits and the summary of what was read, kept and filtered.</summary>
public sealed class PreparedData
{
    public required SentenceCodecs Codecs { get; init; }

    public required EncodedSplit Train { get; init; }

    public EncodedSplit? Dev { get; init; }

    public EncodedSplit? Test { get; init; }

    /// <summary>One line per split, in the order train, dev, test.</summary>
    public required IReadOnlyList<SplitSummary> Summary { get; init; }

    /// <summary>The names of the files written to the output folder.</summary>
    public required IReadOnlyList<string> Files { get; init; }
}
