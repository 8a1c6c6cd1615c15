namespace Seq2Seq.Train.Training;

/// <summary>How one model is trained: batches, budget, loss, optimiser, schedule, validation and checkpoints.</summary>
public sealed record TrainingOptions
{
    /// <summary>Token budget per batch: rows × the longest padded side. Exclusive with <see cref="BatchSentences"/>.</summary>
    public int? BatchTokens { get; init; } = 2000;

    /// <summary>Sentences per batch; when set, <see cref="BatchTokens"/> must be null.</summary>
    public int? BatchSentences { get; init; }

    /// <summary>Stop after this many passes over the training data.</summary>
    public int MaxEpochs { get; init; } = 50;

    /// <summary>Stop after this many updates (null: no limit).</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Stop after this much wall-clock training time (null: no limit).</summary>
    public double? MaxMinutes { get; init; }

    /// <summary>Validate on the dev split every this many steps (and at the end).</summary>
    public int ValidateEvery { get; init; } = 200;

    /// <summary>Write the latest checkpoint (for resuming) every this many steps; 0: only at validations.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>The dev metric that selects the best checkpoints and drives early stopping and the plateau
    /// schedule.</summary>
    public ValidationMetric Metric { get; init; } = ValidationMetric.Bleu;

    /// <summary>Stop when the metric has not improved for this many validations (0: never).</summary>
    public int Patience { get; init; } = 5;

    /// <summary>How many of the best checkpoints to keep.</summary>
    public int KeepBest { get; init; } = 1;

    /// <summary>ε of label smoothing (Szegedy et al. 2016).</summary>
    public double LabelSmoothing { get; init; } = 0.1;

    /// <summary>Clip the global gradient L2 norm to this (0: no clipping).</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>The probability of feeding the gold previous token; below 1 the model's own greedy prediction is fed
    /// back otherwise (scheduled sampling, Bengio et al. 2015).</summary>
    public double TeacherForcing { get; init; } = 1.0;

    public OptimizerOptions Optimizer { get; init; } = new();

    public ScheduleOptions Schedule { get; init; } = new();
}

/// <summary>Dev-set metrics that can select checkpoints.</summary>
public enum ValidationMetric
{
    /// <summary>Corpus BLEU of greedy translations (higher is better).</summary>
    Bleu,

    /// <summary>chrF of greedy translations (higher is better).</summary>
    Chrf,

    /// <summary>Per-token cross-entropy without label smoothing (lower is better).</summary>
    Loss,
}
