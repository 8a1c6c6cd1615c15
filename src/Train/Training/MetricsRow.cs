namespace Seq2Seq.Train.Training;

/// <summary>One line of a run's <c>metrics.csv</c>: written every <see cref="TrainingOptions.LogEvery"/> steps
/// (training figures only) and at every validation (with the dev scores).</summary>
public sealed record MetricsRow
{
    public required string Model { get; init; }
    public required int Step { get; init; }
    public required int Epoch { get; init; }

    /// <summary>The mean training loss (label-smoothed) since the previous row.</summary>
    public required double TrainLoss { get; init; }

    public required double LearningRate { get; init; }

    /// <summary>Target tokens per second of training since the previous row.</summary>
    public required double TokensPerSecond { get; init; }

    public required double ElapsedSeconds { get; init; }

    public DevScores? Dev { get; init; }
}
