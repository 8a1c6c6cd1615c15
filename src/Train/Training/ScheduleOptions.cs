namespace Seq2Seq.Train.Training;

/// <summary>The learning-rate schedules <see cref="LearningRateSchedule"/> implements.</summary>
public enum ScheduleKind
{
    /// <summary>The peak rate throughout (after the optional linear warmup).</summary>
    Constant,

    /// <summary>Multiply the rate by <see cref="ScheduleOptions.Factor"/> when the validation metric has not improved
    /// for <see cref="ScheduleOptions.Patience"/> validations (after the optional linear warmup).</summary>
    Plateau,

    /// <summary>Linear warmup, then inverse square root decay (Vaswani et al. 2017, §5.3, "Noam"), scaled so that
    /// the rate peaks at the configured learning rate after <see cref="ScheduleOptions.WarmupSteps"/> steps.</summary>
    InverseSqrt,
}

/// <summary>How the learning rate changes during training.</summary>
public sealed record ScheduleOptions
{
    public ScheduleKind Kind { get; init; } = ScheduleKind.Constant;

    /// <summary>Steps of linear warmup from 0 to the peak rate; 0 for none (required &gt; 0 by inverse-sqrt).</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Plateau: the factor applied when the metric stalls.</summary>
    public double Factor { get; init; } = 0.5;

    /// <summary>Plateau: validations without improvement before the rate is reduced.</summary>
    public int Patience { get; init; } = 2;

    /// <summary>The rate never goes below this.</summary>
    public double MinLearningRate { get; init; }
}
