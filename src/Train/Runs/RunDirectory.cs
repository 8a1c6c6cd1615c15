using System.Security.Cryptography;
using Seq2Seq.Data;
using Seq2Seq.Models;
using Seq2Seq.Train.Checkpoints;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Train.Training;

namespace Seq2Seq.Train.Runs;

/// <summary>
/// A run folder, <c>runs/&lt;name&gt;-&lt;timestamp&gt;/</c>: <c>config.json</c> (the configuration as used, paths
/// resolved), <c>data/</c> (tokenizer and vocabulary files), one folder per model with its checkpoints and test
/// translations, <c>metrics.csv</c>, loss curves, <c>alignments/</c> and <c>summary.md</c>. Everything needed to
/// translate is inside it; the corpus is needed only to resume training.
/// </summary>
public sealed class RunDirectory
{
    public const string ConfigFile = "config.json";
    public const string DataFolder = "data";
    public const string MetricsFile = "metrics.csv";
    public const string SummaryFile = "summary.md";
    public const string AlignmentsFolder = "alignments";

    private RunDirectory(string path, ExperimentConfig config)
    {
        Path = path;
        Config = config;
    }

    public string Path { get; }

    public ExperimentConfig Config { get; }

    public string DataDirectory => System.IO.Path.Combine(Path, DataFolder);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string ModelDirectory(string model) => System.IO.Path.Combine(Path, model);

    /// <summary>
    /// Creates <c>&lt;runs&gt;/&lt;name&gt;-&lt;yyyyMMdd-HHmmss&gt;</c> (with a suffix if it exists) holding the configuration
    /// and the data folder <paramref name="prepare"/> writes. Both are assembled in a hidden staging folder that is
    /// renamed into place at the end, so a run folder either has both or does not exist — and a bad corpus, which
    /// makes <paramref name="prepare"/> throw, leaves nothing behind (not even the runs folder, if this made it).
    /// </summary>
    /// <exception cref="UserException">the runs folder is a file or cannot be created</exception>
    public static RunDirectory Create<T>(ExperimentConfig config, DateTime now, Func<string, T> prepare, out T prepared)
    {
        string runs = System.IO.Path.GetFullPath(config.RunsDirectory);
        bool runsExisted = Directory.Exists(runs);
        string staging = System.IO.Path.Combine(runs, $".staging-{Guid.NewGuid():N}");
        try
        {
            CreateStaging(runs, staging);
            prepared = prepare(System.IO.Path.Combine(staging, DataFolder));
            AtomicFile.WriteAllText(System.IO.Path.Combine(staging, ConfigFile), JsonConfig.Serialize(config));
            string stem = System.IO.Path.Combine(runs, $"{config.Name}-{now:yyyyMMdd-HHmmss}");
            string path = stem;
            for (int n = 2; Directory.Exists(path); n++)
                path = $"{stem}-{n}";
            Directory.Move(staging, path);
            return new RunDirectory(path, config);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
            if (!runsExisted && Directory.Exists(runs) && !Directory.EnumerateFileSystemEntries(runs).Any())
                Directory.Delete(runs);
        }
    }

    /// <summary>Creates the staging folder inside the runs folder (and the runs folder if needed).</summary>
    /// <exception cref="UserException">naming <c>runsDirectory</c>: it is (or lies under) a file, or cannot be
    /// created</exception>
    private static void CreateStaging(string runs, string staging)
    {
        OutputFolder.Check(runs, "runsDirectory");
        try
        {
            Directory.CreateDirectory(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserException($"runsDirectory: cannot create a run folder in {runs} ({e.Message})", e);
        }
    }

    /// <summary>Opens an existing run folder.</summary>
    /// <exception cref="UserException">the folder is missing or is not a run folder, or its configuration is invalid
    /// (the message names its config.json)</exception>
    public static RunDirectory Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
            throw new UserException($"{path}: run folder not found");
        string config = System.IO.Path.Combine(full, ConfigFile);
        if (!System.IO.File.Exists(config))
            throw new UserException($"{path}: not a run folder (no {ConfigFile})");
        var settings = JsonConfig.Read<ExperimentConfig>(config);
        settings.Validate(config);
        return new RunDirectory(full, settings);
    }

    public SentenceCodecs LoadCodecs() => SentenceCodecs.Load(DataDirectory);

    /// <summary>SHA-256 over the two vocabulary files: checkpoints record it, loading compares it.</summary>
    public string VocabularyFingerprint() => Fingerprint(DataDirectory);

    public static string Fingerprint(string dataDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string name in new[] { SentenceCodecs.SourceVocabulary, SentenceCodecs.TargetVocabulary })
        {
            string file = System.IO.Path.Combine(dataDirectory, name);
            if (!System.IO.File.Exists(file))
                throw new UserException($"{file}: vocabulary not found");
            hash.AppendData(System.IO.File.ReadAllBytes(file));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>The names of the configured models that have a checkpoint in this run.</summary>
    public IReadOnlyList<string> TrainedModels() =>
        Config.Models.Select(m => m.Name)
            .Where(name => System.IO.File.Exists(System.IO.Path.Combine(ModelDirectory(name), Trainer.LatestCheckpoint)))
            .ToList();

    /// <summary>The best checkpoint of a model (by the dev metric), or its latest if none was kept.</summary>
    public string BestCheckpoint(string model)
    {
        if (!Config.Models.Any(m => m.Name == model))
            throw new UserException(
                $"--model: this run has no model '{model}' (it has {string.Join(", ", Config.Models.Select(m => m.Name))})");
        string latest = System.IO.Path.Combine(ModelDirectory(model), Trainer.LatestCheckpoint);
        if (!System.IO.File.Exists(latest))
            throw new UserException($"{Path}: model '{model}' has no checkpoint yet (no {model}/{Trainer.LatestCheckpoint})");
        var best = Checkpoint.Read(latest).Metadata.Progress.Best;
        return best.Count > 0 ? System.IO.Path.Combine(ModelDirectory(model), best[0].File) : latest;
    }

    /// <summary>Loads a model's best checkpoint and checks it was trained with this run's vocabularies.</summary>
    public Seq2SeqModel LoadModel(string model)
    {
        var checkpoint = Checkpoint.Read(BestCheckpoint(model));
        if (checkpoint.Metadata.VocabularyFingerprint != VocabularyFingerprint())
            throw new UserException(
                $"{checkpoint.Path}: the checkpoint was trained with other vocabularies than {DataDirectory}");
        var loaded = checkpoint.CreateModel();
        loaded.eval();
        return loaded;
    }
}
