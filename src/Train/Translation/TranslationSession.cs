using Seq2Seq.Data;
using Seq2Seq.Models;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Train.Experiments;
using Seq2Seq.Train.Runs;

namespace Seq2Seq.Train.Translation;

/// <summary>
/// A loaded model ready to translate user input: any text is accepted — empty lines, control characters, emoji,
/// mixed scripts — and sources longer than the run's maximum length are cut to it (with one warning).
/// </summary>
public sealed class TranslationSession
{
    private readonly Translator _translator;
    private readonly SentenceCodecs _codecs;
    private readonly int _maxLength;
    private readonly TextWriter _warnings;
    private bool _warnedAboutLength;

    private TranslationSession(string modelName, Seq2SeqModel model, SentenceCodecs codecs, Translator translator,
        int maxLength, TextWriter warnings)
    {
        ModelName = modelName;
        Model = model;
        _codecs = codecs;
        _translator = translator;
        _maxLength = maxLength;
        _warnings = warnings;
    }

    public string ModelName { get; }

    public Seq2SeqModel Model { get; }

    public SentenceCodecs Codecs => _codecs;

    public static TranslationSession Open(RunDirectory run, string? model, int? beam, int threads, TextWriter warnings)
    {
        DeviceSetup.Apply(threads, run.Config.Device, "--threads");
        var trained = run.TrainedModels();
        string name = model ?? trained.FirstOrDefault()
            ?? throw new UserException($"{run.Path}: no trained model in this run (no <model>/latest.ckpt)");
        int beamSize = beam ?? run.Config.Evaluation.BeamSize;
        Check.Integer(beamSize, 1, EvaluationOptions.MaxBeamSize, beam is null ? "evaluation.beamSize" : "--beam");
        var codecs = run.LoadCodecs();
        var loaded = run.LoadModel(name);
        var translator = new Translator(loaded, codecs, run.Config.Evaluation.Decoding, beamSize,
            run.Config.Evaluation.BatchSentences);
        return new TranslationSession(name, loaded, codecs, translator, run.Config.Data.MaxLength, warnings);
    }

    /// <summary>The model ids of a source sentence, cut to the maximum length.</summary>
    public int[] Encode(string sentence)
    {
        int[] ids = _codecs.Source.Encode(sentence);
        if (ids.Length <= _maxLength)
            return ids;
        if (!_warnedAboutLength)
        {
            _warnings.WriteLine($"warning: input longer than {_maxLength} subword pieces is cut to that length");
            _warnedAboutLength = true;
        }
        return ids[.._maxLength];
    }

    public IReadOnlyList<string> Translate(IReadOnlyList<string> sentences)
    {
        var results = new string[sentences.Count];
        var nonEmpty = Enumerable.Range(0, sentences.Count).Where(i => !string.IsNullOrWhiteSpace(sentences[i])).ToArray();
        var hypotheses = _translator.TranslateIds(nonEmpty.Select(i => Encode(sentences[i])).ToArray());
        Array.Fill(results, "");
        for (int k = 0; k < nonEmpty.Length; k++)
            results[nonEmpty[k]] = _codecs.Target.Decode(hypotheses[k].Tokens);
        return results;
    }

    /// <summary>One translation per input line, in batches; blank lines give blank lines.</summary>
    public void TranslateStream(TextReader input, TextWriter output, TextWriter? attention)
    {
        var chunk = new List<string>();
        for (string? line = input.ReadLine(); ; line = input.ReadLine())
        {
            if (line is not null)
                chunk.Add(line);
            if (chunk.Count > 0 && (line is null || chunk.Count == 64))
            {
                var translations = Translate(chunk);
                for (int i = 0; i < chunk.Count; i++)
                {
                    output.WriteLine(translations[i]);
                    if (attention is not null && translations[i].Length > 0)
                        AttentionTable.Write(attention, this, chunk[i], translations[i]);
                }
                output.Flush();
                chunk.Clear();
            }
            if (line is null)
                return;
        }
    }

    /// <summary>A prompt: type a sentence, get its translation; an empty line or end of input quits.</summary>
    public void Interactive(TextReader input, TextWriter output, bool showAttention)
    {
        output.WriteLine($"Translating with '{ModelName}'. Type a sentence; an empty line or Ctrl-D quits.");
        while (true)
        {
            output.Write("> ");
            output.Flush();
            string? line = input.ReadLine();
            if (string.IsNullOrWhiteSpace(line))
                return;
            string translation = Translate([line])[0];
            output.WriteLine(translation);
            if (showAttention)
                AttentionTable.Write(output, this, line, translation);
        }
    }
}
