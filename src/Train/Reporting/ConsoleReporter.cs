using System.Globalization;
using Seq2Seq.Train.Training;
using Spectre.Console;

namespace Seq2Seq.Train.Reporting;

/// <summary>
/// Shows training as it happens: a live progress bar per model (step, epoch, loss, tokens/s, ETA) when the console
/// is interactive, and plain timestamped lines when output is redirected to a file or a pipe.
/// </summary>
public static class ConsoleReporter
{
    /// <summary>Runs <paramref name="body"/> with an observer suited to the console, and records metrics through
    /// <paramref name="metrics"/> as well.</summary>
    public static T Run<T>(MetricsLog metrics, Func<ITrainingObserver, T> body)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
            return body(new PlainObserver(Console.Out, metrics));
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => result = body(new LiveObserver(context, metrics)));
        return result;
    }

    /// <summary>Formats a log row as one line.</summary>
    public static string Describe(MetricsRow row)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{row.Model} step {row.Step} epoch {row.Epoch + 1}: loss {row.TrainLoss:F3}, lr {row.LearningRate:G3}, {row.TokensPerSecond:F0} tok/s");
        return row.Dev is { } dev
            ? text + string.Create(CultureInfo.InvariantCulture,
                $" | dev loss {dev.Loss:F3}, ppl {dev.Perplexity:F2}, BLEU {dev.Bleu:F2}, chrF {dev.Chrf:F2}")
            : text;
    }

    private sealed class PlainObserver(TextWriter output, MetricsLog metrics) : ITrainingObserver
    {
        public void Started(string model, TrainingProgress progress, TrainingOptions options, int batchesPerEpoch) =>
            Write(progress.Step == 0
                ? $"{model}: training ({batchesPerEpoch} batches per epoch)"
                : $"{model}: resuming at step {progress.Step}, epoch {progress.Epoch + 1}");

        public void Stepped(string model, TrainingProgress progress, double loss, double learningRate)
        {
        }

        public void Logged(MetricsRow row)
        {
            metrics.Add(row);
            Write(Describe(row));
        }

        public void Note(string model, string message) => Write($"{model}: {message}");

        public void Finished(string model, TrainingProgress progress) =>
            Write($"{model}: finished after {progress.Step} steps ({progress.ElapsedSeconds:F0} s)");

        private void Write(string line) =>
            output.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
    }

    private sealed class LiveObserver(ProgressContext context, MetricsLog metrics) : ITrainingObserver
    {
        private readonly Dictionary<string, ProgressTask> _tasks = [];
        private readonly Dictionary<string, (long Tokens, double Seconds)> _speed = [];

        public void Started(string model, TrainingProgress progress, TrainingOptions options, int batchesPerEpoch)
        {
            double total = options.MaxSteps ?? (double)options.MaxEpochs * batchesPerEpoch;
            var task = context.AddTask(Markup.Escape(model), maxValue: total);
            task.Value = progress.Step;
            _tasks[model] = task;
            _speed[model] = (progress.TokensSeen, progress.ElapsedSeconds);
        }

        public void Stepped(string model, TrainingProgress progress, double loss, double learningRate)
        {
            var task = _tasks[model];
            task.Value = progress.Step;
            var (tokens, seconds) = _speed[model];
            double speed = progress.ElapsedSeconds > seconds
                ? (progress.TokensSeen - tokens) / (progress.ElapsedSeconds - seconds) : 0;
            if (progress.ElapsedSeconds - seconds > 10)
                _speed[model] = (progress.TokensSeen, progress.ElapsedSeconds);
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{model}  step {progress.Step}  epoch {progress.Epoch + 1}  loss {loss:F3}  {speed:F0} tok/s"));
        }

        public void Logged(MetricsRow row)
        {
            metrics.Add(row);
            if (row.Dev is not null)
                AnsiConsole.MarkupLine(Markup.Escape(Describe(row)));
        }

        public void Note(string model, string message) =>
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape($"{model}: {message}")}[/]");

        public void Finished(string model, TrainingProgress progress)
        {
            var task = _tasks[model];
            task.MaxValue = Math.Max(progress.Step, 1);
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
