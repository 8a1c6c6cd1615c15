using System.Globalization;
using Seq2Seq.Data;
using Seq2Seq.Train.Alignments;
using Seq2Seq.Train.Reporting;

namespace Seq2Seq.Train.Translation;

/// <summary>
/// A compact view of where a translation looked: for each target word, the source word it attends to most and with
/// what weight, drawn as a bar — from the attention JoeyNMT plots (the RNN's Bahdanau weights, or the Transformer's
/// last decoder layer averaged over heads), read by forced decoding of the source and its translation.
/// </summary>
public static class AttentionTable
{
    private const int BarWidth = 20;

    public static void Write(TextWriter output, TranslationSession session, string source, string translation)
    {
        var model = session.Model;
        var attention = new AttentionExtractor(model, session.Codecs)
            .Extract([new SentencePair(TextNormalizer.Normalize(source), translation)]).First();
        var matrix = attention.WordMatrix(AlignmentConfiguration.Default(model.AttentionLayers, model.AttentionHeads));
        string[] targets = [.. matrix.TargetTokens.Select(TerminalText.Escape)];
        int width = targets.Max(t => t.Length);
        for (int t = 0; t < matrix.TargetTokens.Count; t++)
        {
            int best = 0;
            for (int s = 1; s < matrix.SourceTokens.Count; s++)
                if (matrix.Weights[t, s] > matrix.Weights[t, best])
                    best = s;
            float weight = matrix.Weights[t, best];
            string bar = new string('█', (int)Math.Round(weight * BarWidth)).PadRight(BarWidth, '·');
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {targets[t].PadRight(width)}  ← {bar} {weight:F2}  {TerminalText.Escape(matrix.SourceTokens[best])}"));
        }
    }
}
