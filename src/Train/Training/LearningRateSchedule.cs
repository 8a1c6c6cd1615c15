namespace Seq2Seq.Train.Training;

/// <summary>
/// The learning rate as a function of the step (and, for the plateau schedule, of the validation history). Its whole
/// state is a <see cref="ScheduleState"/>, saved in checkpoints so a resumed run continues exactly.
/// </summary>
public sealed class LearningRateSchedule(ScheduleOptions options, double peak)
{
    public ScheduleState State { get; private set; } = new(peak, double.NaN, 0);

    /// <summary>The rate for a 1-based step.</summary>
    public double At(int step)
    {
        double rate = options.Kind switch
        {
            ScheduleKind.InverseSqrt => peak * Math.Min((double)step / options.WarmupSteps,
                Math.Sqrt((double)options.WarmupSteps / step)),
            _ when options.WarmupSteps > 0 && step < options.WarmupSteps => State.Base * step / options.WarmupSteps,
            _ => State.Base,
        };
        return Math.Max(rate, options.MinLearningRate);
    }

    /// <summary>Reports a validation score, higher meaning better; the plateau schedule may lower the base rate.</summary>
    public void Validated(double score)
    {
        if (options.Kind != ScheduleKind.Plateau)
            return;
        if (double.IsNaN(State.Best) || score > State.Best)
        {
            State = State with { Best = score, Stalled = 0 };
            return;
        }
        int stalled = State.Stalled + 1;
        State = stalled >= options.Patience
            ? State with { Base = Math.Max(State.Base * options.Factor, options.MinLearningRate), Stalled = 0 }
            : State with { Stalled = stalled };
    }

    public void Restore(ScheduleState state) => State = state;
}

/// <summary>What a schedule remembers: the current base rate, the best score seen and how many validations ago.</summary>
public sealed record ScheduleState(double Base, double Best, int Stalled);
