using Seq2Seq.Data;
using Seq2Seq.Train.Training;
using ScottPlot;

namespace Seq2Seq.Train.Reporting;

/// <summary>A model's learning curves as a PNG: training loss and dev loss by step, and dev BLEU on a right-hand
/// axis.</summary>
public static class LossCurve
{
    public static void Save(string path, string model, IReadOnlyList<MetricsRow> rows)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var train = rows.Where(r => double.IsFinite(r.TrainLoss)).ToList();
        var dev = rows.Where(r => r.Dev is not null).ToList();
        if (train.Count > 0)
        {
            var line = plot.Add.Scatter(train.Select(r => (double)r.Step).ToArray(), train.Select(r => r.TrainLoss).ToArray());
            line.LegendText = "training loss (label-smoothed)";
        }
        if (dev.Count > 0)
        {
            var line = plot.Add.Scatter(dev.Select(r => (double)r.Step).ToArray(), dev.Select(r => r.Dev!.Loss).ToArray());
            line.LegendText = "dev loss";
            var bleu = plot.Add.Scatter(dev.Select(r => (double)r.Step).ToArray(), dev.Select(r => r.Dev!.Bleu).ToArray());
            bleu.LegendText = "dev BLEU (right axis)";
            bleu.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "BLEU";
        }
        plot.Title($"{model}: learning curves");
        plot.XLabel("step");
        plot.YLabel("cross-entropy per token");
        plot.ShowLegend(Alignment.UpperCenter);
        AtomicFile.Write(path, temporary => plot.SavePng(temporary, 900, 540));
    }
}
