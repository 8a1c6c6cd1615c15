using Seq2Seq.Data;
using Seq2Seq.Models;
using Seq2Seq.Rnn;
using Seq2Seq.Tests.Data;
using Seq2Seq.Train.Checkpoints;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Train.Models;
using Seq2Seq.Train.Runs;
using Seq2Seq.Train.Training;
using Seq2Seq.Transformer;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Alignments;

/// <summary>
/// A run folder as training leaves it, built in a temporary folder in well under a second: <c>config.json</c>, the
/// tokenizer and vocabularies in <c>data/</c> (byte-level BPE with a few merges learned on
/// <see cref="TestCorpora.EnglishFrench"/>, so most words are several pieces) and a checkpoint
/// <c>&lt;model&gt;/latest.ckpt</c> of a seeded, untrained model per architecture: <c>rnn</c> (one attention) and
/// <c>transformer</c> (2 decoder layers of 2 heads). The folder is deleted on dispose.
/// </summary>
internal sealed class TinyRun : IDisposable
{
    public const string Rnn = "rnn";
    public const string Transformer = "transformer";

    private readonly TemporaryDirectory _folder = new();

    /// <param name="merges">BPE merges learned on the tiny corpus.</param>
    /// <param name="seed">Seeds the models' weights.</param>
    /// <param name="models">The architectures to save a checkpoint for (default: both).</param>
    public TinyRun(int merges = 60, int seed = 1, IReadOnlyList<string>? models = null)
    {
        Path = System.IO.Path.Combine(_folder.Path, "run");
        var sentences = TestCorpora.EnglishFrench.SelectMany(p => new[] { p.English, p.French }).ToList();
        var tokenizer = SubwordTokenizer.Create(BpeLearner.Learn(sentences, merges));
        SentenceCodec Codec(IEnumerable<string> side) => new(tokenizer,
            Vocabulary.Build(side.Select(s => tokenizer.Encode(s).Pieces.Select(piece => piece.Value))));
        Codecs = new SentenceCodecs(Codec(TestCorpora.EnglishFrench.Select(p => p.English)),
            Codec(TestCorpora.EnglishFrench.Select(p => p.French)));

        string dataDirectory = System.IO.Path.Combine(Path, RunDirectory.DataFolder);
        Codecs.Save(dataDirectory);
        var configs = new List<ModelConfig>
        {
            new()
            {
                Name = Rnn, Type = Architecture.Rnn,
                Rnn = new RnnOptions { EmbeddingSize = 16, HiddenSize = 16, AttentionSize = 16, Dropout = 0.1 },
            },
            new()
            {
                Name = Transformer, Type = Architecture.Transformer,
                Transformer = new TransformerOptions
                {
                    ModelSize = 16, Heads = 2, EncoderLayers = 2, DecoderLayers = 2, FeedForwardSize = 32, Dropout = 0.1,
                },
            },
        };
        var config = new ExperimentConfig
        {
            Name = "tiny",
            Seed = seed,
            Threads = 1,
            Data = new DataOptions { Train = CorpusSource.FromTsv("train.tsv"), Merges = merges },
            Models = configs,
            Evaluation = new EvaluationOptions { BeamSize = 2, MaxLengthOffset = 3, MaxLengthRatio = 1.0 },
        };
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, RunDirectory.ConfigFile), JsonConfig.Serialize(config));

        string fingerprint = RunDirectory.Fingerprint(dataDirectory);
        // The weights are seeded; the global generator is put back as it was, so that tests running in parallel that
        // seeded it themselves draw the numbers they expect.
        using var generatorState = random.get_rng_state();
        foreach (ModelConfig model in configs.Where(c => models is null || models.Contains(c.Name)))
        {
            manual_seed(seed);
            using Seq2SeqModel created = model.CreateModel(Codecs.Source.Vocabulary.Count, Codecs.Target.Vocabulary.Count);
            random.set_rng_state(generatorState);
            var metadata = new CheckpointMetadata
            {
                Model = model,
                SourceVocabularySize = Codecs.Source.Vocabulary.Count,
                TargetVocabularySize = Codecs.Target.Vocabulary.Count,
                VocabularyFingerprint = fingerprint,
                Progress = new TrainingProgress { Schedule = new ScheduleState(1e-3, double.NaN, 0) },
                RandomState = "",
            };
            Checkpoint.Save(System.IO.Path.Combine(Path, model.Name, Trainer.LatestCheckpoint), metadata, created, null);
        }
    }

    /// <summary>The run folder.</summary>
    public string Path { get; }

    /// <summary>The run's tokenizers and vocabularies.</summary>
    public SentenceCodecs Codecs { get; }

    /// <summary>The tiny corpus as pairs (English source, French target).</summary>
    public static IReadOnlyList<SentencePair> Pairs { get; } =
        [.. TestCorpora.EnglishFrench.Select(p => new SentencePair(p.English, p.French))];

    /// <summary>Loads a model of the run as the commands do (evaluation mode).</summary>
    public Seq2SeqModel Load(string model) => RunDirectory.Open(Path).LoadModel(model);

    /// <summary>A file beside the run folder.</summary>
    public string File(string name) => System.IO.Path.Combine(_folder.Path, name);

    /// <summary>Writes lines (each followed by '\n') to a file beside the run folder and returns its path.</summary>
    public string WriteLines(string name, IEnumerable<string> lines)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, string.Concat(lines.Select(line => line + "\n")));
        return path;
    }

    public void Dispose() => _folder.Dispose();
}
