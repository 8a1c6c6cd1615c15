using System.Globalization;
using Seq2Seq.Data;
using ScottPlot;

namespace Seq2Seq.Train.Alignments;

/// <summary>
/// Attention heatmaps as PNG (ScottPlot): source tokens along the bottom (read top to bottom), target tokens down the
/// left (first token at the top), one square cell per weight, a fixed 0..1 colour scale (white → dark blue) with a
/// colour bar, so that figures of different models and sentences compare at a glance. Files are written atomically.
/// <para>
/// Long sentences get smaller cells, so that the matrix stays within <see cref="MaxDataPixels"/> on each side, and
/// then only every second, third, … token is labelled; a label longer than <see cref="MaxLabelLength"/> characters
/// is shortened with "…". The CSV and JSON exports keep every token whole.
/// </para>
/// </summary>
public static class Heatmap
{
    private const int CellPixels = 32;

    /// <summary>The most pixels the matrix itself takes on either side.</summary>
    public const int MaxDataPixels = 2400;

    /// <summary>The longest tick label, in characters; longer tokens are shortened.</summary>
    public const int MaxLabelLength = 24;

    private const int LabelPixels = 18;
    private const float TickFontSize = 14;
    private const float TitleFontSize = 16;
    private const float Gap = 30;
    private const float TitleRoom = 44;
    private const float ColorBarRoom = 90;
    private const string FontName = "DejaVu Sans";

    /// <summary>Draws one matrix; the title defaults to <see cref="AlignmentMatrix.Describe"/>.</summary>
    /// <returns>The image's size in pixels.</returns>
    public static (int Width, int Height) Save(string path, AlignmentMatrix matrix, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var plot = new Plot();
        (int width, int height) = Draw(plot, matrix, title ?? matrix.Describe());
        AtomicFile.Write(path, temporary => plot.SavePng(temporary, width, height));
        return (width, height);
    }

    /// <summary>
    /// Draws two matrices of the same sentence side by side, e.g. RNN on the left and Transformer on the right, each
    /// half as wide as the figure.
    /// </summary>
    /// <returns>The image's size in pixels.</returns>
    public static (int Width, int Height) SaveSideBySide(
        string path, AlignmentMatrix left, AlignmentMatrix right, string? leftTitle = null, string? rightTitle = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        // A Multiplot starts with one subplot: it becomes the left one.
        var leftPlot = new Plot();
        var multiplot = new Multiplot(leftPlot) { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        Plot rightPlot = multiplot.AddPlot();
        (int leftWidth, int leftHeight) = Draw(leftPlot, left, leftTitle ?? left.Describe());
        (int rightWidth, int rightHeight) = Draw(rightPlot, right, rightTitle ?? right.Describe());
        int width = 2 * Math.Max(leftWidth, rightWidth), height = Math.Max(leftHeight, rightHeight);
        AtomicFile.Write(path, temporary => multiplot.SavePng(temporary, width, height));
        return (width, height);
    }

    /// <summary>Sets up <paramref name="plot"/> and returns the figure size that gives square cells.</summary>
    private static (int Width, int Height) Draw(Plot plot, AlignmentMatrix matrix, string title)
    {
        int rows = matrix.TargetTokens.Count, columns = matrix.SourceTokens.Count;
        float cell = Math.Min(CellPixels, (float)MaxDataPixels / Math.Max(1, Math.Max(rows, columns)));
        int labelEvery = (int)Math.Ceiling(LabelPixels / Math.Min(cell, LabelPixels));   // 1 while labels fit
        string[] sourceLabels = Labels(matrix.SourceTokens, labelEvery);
        string[] targetLabels = Labels(matrix.TargetTokens, labelEvery);
        plot.Font.Set(FontName);

        // ScottPlot draws intensity row 0 at the top.
        var intensities = new double[rows, columns];
        for (int t = 0; t < rows; t++)
            for (int s = 0; s < columns; s++)
                intensities[t, s] = matrix.Weights[t, s];
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());
        heatmap.ManualRange = new ScottPlot.Range(0, 1);

        var colorBar = plot.Add.ColorBar(heatmap);
        var colorTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double value in new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 })
            colorTicks.AddMajor(value, value.ToString("0.0", CultureInfo.InvariantCulture));
        colorBar.Axis.TickGenerator = colorTicks;

        var sourceTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int s = 0; s < columns; s += labelEvery)
            sourceTicks.AddMajor(s, sourceLabels[s]);
        var targetTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int t = 0; t < rows; t += labelEvery)
            targetTicks.AddMajor(rows - 1 - t, targetLabels[t]);
        plot.Axes.Bottom.TickGenerator = sourceTicks;
        plot.Axes.Left.TickGenerator = targetTicks;
        plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickFontSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickFontSize;
        plot.Title(title, TitleFontSize);
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);

        using Paint paint = Paint.NewDisposablePaint();
        float sourceWidth = Widest(plot.Axes.Bottom.TickLabelStyle, sourceLabels, paint);
        float targetWidth = Widest(plot.Axes.Left.TickLabelStyle, targetLabels, paint);
        float titleWidth = Widest(plot.Axes.Title.Label, [title], paint);
        float dataWidth = Math.Max(columns * cell, titleWidth + 10);
        float dataHeight = Math.Max(rows * cell, 4 * CellPixels);
        var padding = new PixelPadding(
            left: targetWidth + Gap, right: ColorBarRoom, bottom: sourceWidth + Gap, top: TitleRoom);
        plot.Layout.Fixed(padding);
        return ((int)Math.Ceiling(padding.Left + dataWidth + padding.Right),
            (int)Math.Ceiling(padding.Top + dataHeight + padding.Bottom));
    }

    /// <summary>The tick label of every <paramref name="every"/>-th token (the others are not drawn), each at most
    /// <see cref="MaxLabelLength"/> characters.</summary>
    private static string[] Labels(IReadOnlyList<string> tokens, int every) =>
        [.. tokens.Select((token, i) => i % every != 0 ? "" : Shorten(token))];

    /// <summary>The token itself, or its first <see cref="MaxLabelLength"/> − 1 characters (as the reader sees
    /// them: text elements, so an accent or emoji is never cut in two) and "…".</summary>
    private static string Shorten(string token)
    {
        var characters = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(token);
        while (enumerator.MoveNext())
            characters.Add(enumerator.GetTextElement());
        return characters.Count <= MaxLabelLength
            ? token
            : string.Concat(characters.Take(MaxLabelLength - 1)) + "…";
    }

    private static float Widest(LabelStyle style, IReadOnlyList<string> labels, Paint paint) =>
        labels.Count == 0 ? 0 : style.MeasureWidestString([.. labels], paint).Item2.Length;
}
