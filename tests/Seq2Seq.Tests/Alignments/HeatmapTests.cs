using System.Buffers.Binary;
using Seq2Seq.Train.Alignments;
using SkiaSharp;

namespace Seq2Seq.Tests.Alignments;

public sealed class HeatmapTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A 15 × 16 French–English matrix with accents and long tokens: a soft diagonal.</summary>
    internal static AlignmentMatrix Example(string model)
    {
        string[] source =
        [
            "la", "délégation", "française", "a", "présenté", "hier", "un", "rapport", "très", "détaillé", "sur",
            "la", "sécurité", "aérienne", ".",
        ];
        string[] target =
        [
            "the", "French", "delegation", "presented", "a", "very", "detailed", "report", "on", "air", "safety",
            "yesterday", ".", "</s>", "extra", "tokens",
        ];
        var weights = new float[target.Length, source.Length];
        for (int t = 0; t < target.Length; t++)
        {
            int centre = Math.Min(source.Length - 1, t * source.Length / target.Length);
            for (int s = 0; s < source.Length; s++)
                weights[t, s] = s == centre ? 0.8f : 0.2f / (source.Length - 1);
        }
        return new AlignmentMatrix(source, target, weights) { Model = model, Convention = AttentionConvention.Shifted };
    }

    [Fact]
    public void SavesAValidPngOfTheReportedSize()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("heatmap.png");
        AlignmentMatrix matrix = Example("rnn");

        (int width, int height) = Heatmap.Save(path, matrix);

        (int pngWidth, int pngHeight) = ReadPngSize(path);
        Assert.Equal((width, height), (pngWidth, pngHeight));
        // At least one 32-pixel cell per token on each axis, plus room for the labels.
        Assert.True(width > 15 * 32 && height > 16 * 32, $"{width}×{height}");
        Assert.Single(Directory.GetFiles(folder.Path));   // no temporary file left behind
    }

    /// <summary>A long sentence (721 target and 150 source tokens, one of them 989 characters long) shrinks its
    /// cells and shortens its labels instead of growing a 23,000-pixel image.</summary>
    [Fact]
    public void LongSentencesStayWithinTheSizeLimit()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("long.png");
        string[] source = [.. Enumerable.Range(0, 149).Select(i => $"word{i}"), "</s>"];
        string[] target = [.. Enumerable.Range(0, 721).Select(i => i == 7 ? new string('x', 989) : $"mot{i}")];
        var weights = new float[target.Length, source.Length];
        for (int t = 0; t < target.Length; t++)
            weights[t, t % source.Length] = 1f;
        var matrix = new AlignmentMatrix(source, target, weights) { Model = "rnn", Convention = AttentionConvention.Shifted };

        (int width, int height) = Heatmap.Save(path, matrix);

        Assert.Equal((width, height), ReadPngSize(path));
        Assert.InRange(height, Heatmap.MaxDataPixels, Heatmap.MaxDataPixels + 400);
        Assert.InRange(width, 150 * Heatmap.MaxDataPixels / 721, Heatmap.MaxDataPixels);
    }

    [Fact]
    public void SideBySideFigureIsTheTwoSingleHeatmapsNextToEachOther()
    {
        using var folder = new TemporaryDirectory();
        string left = folder.File("left.png"), right = folder.File("right.png"), both = folder.File("both.png");
        AlignmentMatrix rnn = Example("rnn"), transformer = Example("transformer") with { Layer = 5 };

        (int singleWidth, int singleHeight) = Heatmap.Save(left, rnn);
        Heatmap.Save(right, transformer);
        (int width, int height) = Heatmap.SaveSideBySide(both, rnn, transformer);

        Assert.Equal((width, height), ReadPngSize(both));
        Assert.Equal((2 * singleWidth, singleHeight), (width, height));
        using SKBitmap figure = SKBitmap.Decode(both), leftImage = SKBitmap.Decode(left), rightImage = SKBitmap.Decode(right);
        Assert.Equal(0, DifferingPixels(figure, 0, leftImage));
        Assert.Equal(0, DifferingPixels(figure, singleWidth, rightImage));
    }

    private static int DifferingPixels(SKBitmap figure, int xOffset, SKBitmap panel)
    {
        int differing = 0;
        for (int y = 0; y < panel.Height; y++)
            for (int x = 0; x < panel.Width; x++)
                if (figure.GetPixel(xOffset + x, y) != panel.GetPixel(x, y))
                    differing++;
        return differing;
    }

    private static (int Width, int Height) ReadPngSize(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(PngSignature), "not a PNG signature");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
