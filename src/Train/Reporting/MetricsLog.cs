using System.Globalization;
using System.Text;
using Seq2Seq.Data;
using Seq2Seq.Train.Training;

namespace Seq2Seq.Train.Reporting;

/// <summary>
/// A run's <c>metrics.csv</c>: one row per log point of every model (step, model, epoch counted from 0, training loss,
/// dev loss, perplexity, BLEU, chrF, learning rate, tokens/s, elapsed seconds; dev columns empty between validations).
/// The whole file is rewritten atomically at each row, so it is never half-written.
/// </summary>
public sealed class MetricsLog
{
    private const string Header =
        "step,model,epoch,train_loss,dev_loss,dev_perplexity,dev_bleu,dev_chrf,learning_rate,tokens_per_s,elapsed_s";

    private readonly string _path;
    private readonly List<MetricsRow> _rows;

    private MetricsLog(string path, List<MetricsRow> rows)
    {
        _path = path;
        _rows = rows;
    }

    public IReadOnlyList<MetricsRow> Rows => _rows;

    /// <summary>A new log, or the existing one of a resumed run.</summary>
    public static MetricsLog Open(string path) =>
        new(path, File.Exists(path) ? File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(Parse).ToList() : []);

    /// <summary>Drops a model's rows after <paramref name="step"/> (a resumed run logs them again).</summary>
    public void TruncateAfter(string model, int step)
    {
        _rows.RemoveAll(r => r.Model == model && r.Step > step);
        Flush();
    }

    public void Add(MetricsRow row)
    {
        _rows.Add(row);
        Flush();
    }

    private void Flush()
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in _rows)
            text.Append(Format(row)).Append('\n');
        AtomicFile.WriteAllText(_path, text.ToString());
    }

    private static string Format(MetricsRow r) => string.Join(',',
        r.Step.ToString(CultureInfo.InvariantCulture), r.Model, r.Epoch.ToString(CultureInfo.InvariantCulture),
        Number(r.TrainLoss, "F4"), Number(r.Dev?.Loss, "F4"), Number(r.Dev?.Perplexity, "F3"),
        Number(r.Dev?.Bleu, "F2"), Number(r.Dev?.Chrf, "F2"), Number(r.LearningRate, "G6"),
        Number(r.TokensPerSecond, "F1"), Number(r.ElapsedSeconds, "F1"));

    private static string Number(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    private static MetricsRow Parse(string line)
    {
        var f = line.Split(',');
        double? Read(int i) => f[i].Length == 0 ? null : double.Parse(f[i], CultureInfo.InvariantCulture);
        return new MetricsRow
        {
            Step = int.Parse(f[0], CultureInfo.InvariantCulture), Model = f[1],
            Epoch = int.Parse(f[2], CultureInfo.InvariantCulture), TrainLoss = Read(3) ?? double.NaN,
            Dev = Read(4) is { } loss ? new DevScores(loss, Read(5) ?? Math.Exp(loss), Read(6) ?? double.NaN, Read(7) ?? double.NaN) : null,
            LearningRate = Read(8) ?? double.NaN, TokensPerSecond = Read(9) ?? double.NaN,
            ElapsedSeconds = Read(10) ?? double.NaN,
        };
    }
}
