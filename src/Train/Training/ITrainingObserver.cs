namespace Seq2Seq.Train.Training;

/// <summary>Receives what a <see cref="Trainer"/> does, to show progress and record metrics.</summary>
public interface ITrainingObserver
{
    /// <summary>Training of a model starts (or resumes) at <paramref name="progress"/>.</summary>
    void Started(string model, TrainingProgress progress, TrainingOptions options, int batchesPerEpoch);

    /// <summary>After every update.</summary>
    void Stepped(string model, TrainingProgress progress, double loss, double learningRate);

    /// <summary>Every <see cref="TrainingOptions.LogEvery"/> steps and at every validation.</summary>
    void Logged(MetricsRow row);

    /// <summary>A line worth telling the user (a new best checkpoint, early stopping, …).</summary>
    void Note(string model, string message);

    void Finished(string model, TrainingProgress progress);
}
