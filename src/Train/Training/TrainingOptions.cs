using Seq2Seq.Data;
using Seq2Seq.Train.Configuration;

namespace Seq2Seq.Train.Training;

/// <summary>How one model is trained: batches, budget, loss, optimiser, schedule, validation and checkpoints.</summary>
public sealed record TrainingOptions
{
    /// <summary>The token budget per batch when neither batch size is set.</summary>
    public const int DefaultBatchTokens = 2000;

    /// <summary>Token budget per batch: rows × the longest padded side (default <see cref="DefaultBatchTokens"/>).
    /// Exclusive with <see cref="BatchSentences"/>.</summary>
    public int? BatchTokens { get; init; }

    /// <summary>Sentences per batch, instead of a token budget.</summary>
    public int? BatchSentences { get; init; }

    /// <summary>Stop after this many passes over the training data.</summary>
    public int MaxEpochs { get; init; } = 50;

    /// <summary>Stop after this many updates (null: no limit).</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Stop after this much wall-clock training time (null: no limit).</summary>
    public double? MaxMinutes { get; init; }

    /// <summary>Validate on the dev split every this many steps (and at the end).</summary>
    public int ValidateEvery { get; init; } = 200;

    /// <summary>Log the training loss and speed every this many steps.</summary>
    public int LogEvery { get; init; } = 50;

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

    /// <summary>The batch size as the data pipeline takes it.</summary>
    public Data.BatchSize BatchSize => BatchSentences is { } sentences
        ? Data.BatchSize.Sentences(sentences)
        : Data.BatchSize.Tokens(BatchTokens ?? DefaultBatchTokens);

    /// <summary>Checks every value; <paramref name="key"/> names the section in messages.</summary>
    public void Validate(string key)
    {
        if (BatchTokens is not null && BatchSentences is not null)
            throw new UserException($"{key}.batchTokens and {key}.batchSentences: set one of them, not both");
        Check.Positive(BatchTokens ?? 1, $"{key}.batchTokens");
        Check.Positive(BatchSentences ?? 1, $"{key}.batchSentences");
        Check.Positive(MaxEpochs, $"{key}.maxEpochs");
        Check.Positive(MaxSteps ?? 1, $"{key}.maxSteps");
        Check.Positive(MaxMinutes ?? 1, $"{key}.maxMinutes");
        Check.Positive(ValidateEvery, $"{key}.validateEvery");
        Check.Positive(LogEvery, $"{key}.logEvery");
        Check.AtLeast(CheckpointEvery, 0, $"{key}.checkpointEvery");
        Check.AtLeast(Patience, 0, $"{key}.patience");
        Check.Positive(KeepBest, $"{key}.keepBest");
        Check.InRange(LabelSmoothing, 0, 1, $"{key}.labelSmoothing", upperInclusive: false);
        Check.AtLeast(ClipNorm, 0, $"{key}.clipNorm");
        Check.InRange(TeacherForcing, 0, 1, $"{key}.teacherForcing", upperInclusive: true);
        Check.Positive(Optimizer.LearningRate, $"{key}.optimizer.learningRate");
        Check.InRange(Optimizer.Beta1, 0, 1, $"{key}.optimizer.beta1", upperInclusive: false);
        Check.InRange(Optimizer.Beta2, 0, 1, $"{key}.optimizer.beta2", upperInclusive: false);
        Check.Positive(Optimizer.Epsilon, $"{key}.optimizer.epsilon");
        Check.AtLeast(Optimizer.WeightDecay, 0, $"{key}.optimizer.weightDecay");
        Check.AtLeast(Schedule.WarmupSteps, Schedule.Kind == ScheduleKind.InverseSqrt ? 1 : 0, $"{key}.schedule.warmupSteps");
        Check.InRange(Schedule.Factor, 0, 1, $"{key}.schedule.factor", upperInclusive: false, lowerExclusive: true);
        Check.Positive(Schedule.Patience, $"{key}.schedule.patience");
        Check.AtLeast(Schedule.MinLearningRate, 0, $"{key}.schedule.minLearningRate");
    }
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
