using Seq2Seq.Train.Models;
using Seq2Seq.Train.Training;

namespace Seq2Seq.Train.Checkpoints;

/// <summary>The JSON section of a checkpoint: what model it holds, the vocabularies it expects and, for resuming,
/// where training stood.</summary>
public sealed record CheckpointMetadata
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    public required ModelConfig Model { get; init; }

    public required int SourceVocabularySize { get; init; }

    public required int TargetVocabularySize { get; init; }

    /// <summary>SHA-256 of the source and target vocabulary files the model was trained with.</summary>
    public required string VocabularyFingerprint { get; init; }

    public required TrainingProgress Progress { get; init; }

    /// <summary>torch's default generator state (base64), so dropout continues identically.</summary>
    public required string RandomState { get; init; }

    /// <summary>The dev scores when it was written, if it was written at a validation.</summary>
    public DevScores? Scores { get; init; }
}
