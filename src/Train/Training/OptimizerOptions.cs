namespace Seq2Seq.Train.Training;

/// <summary>Adam (Kingma &amp; Ba 2015) hyper-parameters.</summary>
public sealed record OptimizerOptions
{
    /// <summary>The peak learning rate (the schedule scales it).</summary>
    public double LearningRate { get; init; } = 1e-3;

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.98;

    public double Epsilon { get; init; } = 1e-9;

    public double WeightDecay { get; init; }
}
