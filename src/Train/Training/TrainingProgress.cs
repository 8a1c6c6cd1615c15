namespace Seq2Seq.Train.Training;

/// <summary>Where training stands: everything besides weights, optimiser moments and random state that a resumed
/// run needs to continue exactly where the checkpoint was written.</summary>
public sealed record TrainingProgress
{
    /// <summary>Updates done.</summary>
    public int Step { get; init; }

    /// <summary>The current epoch (0-based).</summary>
    public int Epoch { get; init; }

    /// <summary>The index, within the epoch's batch order, of the next batch to train on.</summary>
    public int BatchInEpoch { get; init; }

    /// <summary>Target tokens trained on so far.</summary>
    public long TokensSeen { get; init; }

    /// <summary>Training time so far (validation included), in seconds.</summary>
    public double ElapsedSeconds { get; init; }

    public required ScheduleState Schedule { get; init; }

    /// <summary>The best validation score so far, higher is better (loss is negated); NaN before any.</summary>
    public double BestScore { get; init; } = double.NaN;

    /// <summary>Validations since the best score was reached.</summary>
    public int StalledValidations { get; init; }

    /// <summary>The kept best checkpoints, best first.</summary>
    public IReadOnlyList<SavedCheckpoint> Best { get; init; } = [];
}

/// <summary>A best checkpoint kept on disk.</summary>
/// <param name="Step">the step it was written at</param>
/// <param name="Score">its validation score, higher is better</param>
/// <param name="File">its file name in the model's folder</param>
public sealed record SavedCheckpoint(int Step, double Score, string File);
