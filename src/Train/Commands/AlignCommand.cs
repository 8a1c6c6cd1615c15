using System.CommandLine;
using System.Globalization;
using Seq2Seq.Data;
using Seq2Seq.Models;
using Seq2Seq.Train.Alignments;
using Seq2Seq.Train.Experiments;
using Seq2Seq.Train.Reporting;
using Seq2Seq.Train.Runs;
using Seq2Seq.Train.Translation;
using TorchSharp;

namespace Seq2Seq.Train.Commands;

/// <summary>
/// <c>align</c>: one sentence through one trained model of a run. Forces the reference translation (or, without one,
/// the model's own beam-search translation), writes every word-level attention matrix (CSV each, one JSON with all),
/// a heatmap of each layer's head mean under both conventions, and prints the hard alignment in Pharaoh format with
/// the aligned words.
/// </summary>
public static class AlignCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "the run folder", Required = true };
        var model = new Option<string>("--model") { Description = "the model's name in the run, e.g. rnn or transformer", Required = true };
        var src = new Option<string>("--src") { Description = "the source sentence", Required = true };
        var reference = new Option<string?>("--ref") { Description = "its translation (default: the model's own, by beam search)" };
        var layer = new Option<int?>("--layer") { Description = "the decoder layer (0-based) of the printed alignment" };
        var convention = new Option<AttentionConvention?>("--convention") { Description = "naive or shifted, for the printed alignment" };
        var tokens = new Option<WordTokenization>("--tokens")
            { Description = "words: the word tokenizer; whitespace: the text's own tokens", DefaultValueFactory = _ => WordTokenization.Words };
        var threads = new Option<int?>("--threads") { Description = "intra-op threads (default: the run's)" };
        var output = new Option<string>("--out") { Description = "folder for the matrices and heatmaps", Required = true };

        var command = new Command("align",
            "Align one sentence with a trained model's attention: export every matrix, draw heatmaps, print the hard alignment.")
        {
            run, model, src, reference, layer, convention, tokens, threads, output,
        };
        command.SetAction(parse =>
        {
            Run(new Request(parse.GetValue(run)!, parse.GetValue(model)!, parse.GetValue(src)!, parse.GetValue(reference),
                parse.GetValue(layer), parse.GetValue(convention), parse.GetValue(tokens), parse.GetValue(threads),
                parse.GetValue(output)!), Console.Out);
            return Program.Success;
        });
        return command;
    }

    /// <summary>The command's arguments.</summary>
    public sealed record Request(string Run, string Model, string Source, string? Reference, int? Layer,
        AttentionConvention? Convention, WordTokenization Tokens, int? Threads, string Out);

    /// <summary>Aligns, writes the files and prints the alignment to <paramref name="output"/>.</summary>
    public static void Run(Request request, TextWriter output)
    {
        OutputFolder.Check(request.Out, "--out");
        var run = RunDirectory.Open(request.Run);
        DeviceSetup.SetThreads(request.Threads ?? run.Config.Threads, request.Threads is null ? "threads" : "--threads");
        if (SegmentedSentence.SplitWords(TextNormalizer.Normalize(request.Source), request.Tokens).Count == 0)
            throw new UserException("--src: expected a sentence with at least one word");
        if (request.Reference is { } given && SegmentedSentence.SplitWords(TextNormalizer.Normalize(given), request.Tokens).Count == 0)
            throw new UserException("--ref: expected a sentence with at least one word");

        var codecs = run.LoadCodecs();
        using Seq2SeqModel model = run.LoadModel(request.Model);
        string target = request.Reference ?? Translate(run, model, codecs, request);
        var configuration = Configuration(run, request, model);

        var extractor = new AttentionExtractor(model, codecs, request.Tokens, batchSentences: 1);
        SentenceAttention attention = extractor.Extract([new SentencePair(request.Source, target)]).Single();
        var files = Write(request.Out, request.Model, attention);

        var links = attention.HardAlignment(configuration.Configuration);
        output.WriteLine($"source:      {TerminalText.Escape(string.Join(' ', attention.Source.Words))}");
        output.WriteLine($"{(request.Reference is null ? "translation: " : "reference:   ")}{TerminalText.Escape(string.Join(' ', attention.Target.Words))}");
        output.WriteLine($"attention:   {request.Model} · {configuration.Configuration.Describe()} ({configuration.Why})");
        output.WriteLine(PharaohWriter.Format(links));
        var sourceOf = links.ToDictionary(link => link.Target, link => link.Source);
        for (int t = 0; t < attention.Target.Words.Count; t++)
        {
            string source = sourceOf.TryGetValue(t, out int s) ? attention.Source.Words[s] : "(unaligned)";
            output.WriteLine($"  {TerminalText.Escape(source)} → {TerminalText.Escape(attention.Target.Words[t])}");
        }
        output.WriteLine($"wrote {files.Count} files to {request.Out}");
    }

    private static string Translate(RunDirectory run, Seq2SeqModel model, SentenceCodecs codecs, Request request)
    {
        var evaluation = run.Config.Evaluation;
        var translator = new Translator(model, codecs, evaluation.Decoding, evaluation.BeamSize, batchSentences: 1);
        string translation = translator.Translate([request.Source])[0];
        if (SegmentedSentence.SplitWords(translation, request.Tokens).Count == 0)
            throw new UserException($"--src: model '{request.Model}' translates it to an empty sentence; give a reference with --ref");
        return translation;
    }

    /// <summary>--layer and --convention where given; else what the run's comparison chose (alignments/chosen.json);
    /// else the default (last layer, head mean, naive).</summary>
    private static (AlignmentConfiguration Configuration, string Why) Configuration(
        RunDirectory run, Request request, Seq2SeqModel model)
    {
        int layers = model.AttentionLayers, heads = model.AttentionHeads;
        bool single = layers == 1 && heads == 1;
        if (request.Layer is { } layer && (layer < 0 || layer >= layers))
            throw new UserException(string.Create(CultureInfo.InvariantCulture,
                $"--layer: expected a layer from 0 to {layers - 1} (model '{request.Model}' has {layers}), got {layer}"));

        var recorded = ChosenAlignment.Read(
            Path.Combine(run.Path, RunDirectory.AlignmentsFolder, ChosenAlignment.FileName), request.Model);
        var (fallback, why) = recorded is { } r && IsValid(r.Configuration, layers, heads)
            ? (r.Configuration, r.ChosenOnDev ? "chosen on dev" : "the run's default")
            : (AlignmentConfiguration.Default(layers, heads), "default");
        if (request.Layer is null && request.Convention is null)
            return (fallback, why);
        var configuration = new AlignmentConfiguration(
            single ? null : request.Layer ?? fallback.Layer, request.Layer is null ? fallback.Head : null,
            request.Convention ?? fallback.Convention);
        return (configuration, "as asked");
    }

    private static bool IsValid(AlignmentConfiguration configuration, int layers, int heads) =>
        AlignmentConfiguration.All(layers, heads).Contains(configuration);

    /// <summary>Every matrix as CSV, all in one JSON, and heatmaps of the head means (or the single attention).</summary>
    private static List<string> Write(string outDir, string model, SentenceAttention attention)
    {
        var files = new List<string>();
        var matrices = attention.WordMatrices(model);
        foreach (AlignmentMatrix matrix in matrices)
        {
            var configuration = new AlignmentConfiguration(matrix.Layer, matrix.Head, matrix.Convention!.Value);
            string stem = Path.Combine(outDir, $"{model}.{configuration.FileStem()}");
            AlignmentMatrixExport.WriteCsv(stem + ".csv", matrix);
            files.Add(stem + ".csv");
            if (matrix.Head is null)
            {
                Heatmap.Save(stem + ".png", matrix);
                files.Add(stem + ".png");
            }
        }
        string json = Path.Combine(outDir, $"{model}.json");
        AlignmentMatrixExport.WriteJson(json, matrices);
        files.Add(json);
        return files;
    }
}
