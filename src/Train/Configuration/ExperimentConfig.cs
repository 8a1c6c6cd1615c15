using Seq2Seq.Data;
using Seq2Seq.Train.Models;

namespace Seq2Seq.Train.Configuration;

/// <summary>
/// A training configuration (<c>configs/*.json</c>): the corpus, the models to train one after the other, how to
/// evaluate them and which gold alignments to score their attention against. Relative paths in the file are
/// relative to the file's own folder. <c>configs/example.json</c> documents every key with its default.
/// </summary>
public sealed record ExperimentConfig
{
    /// <summary>The most intra-op threads a setting may ask for: far above any CPU's useful count, and low enough that
    /// a slip of the keyboard cannot start tens of thousands of threads.</summary>
    public const int MaxThreads = 256;

    /// <summary>The run folder is <c>&lt;runsDirectory&gt;/&lt;name&gt;-&lt;timestamp&gt;</c>.</summary>
    public string Name { get; init; } = "experiment";

    /// <summary>Seeds weights, dropout and batch order; the same seed gives the same run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Intra-op CPU threads for LibTorch.</summary>
    public int Threads { get; init; } = 2;

    /// <summary><c>cpu</c>, or <c>cuda</c> / <c>cuda:N</c> where a CUDA build of TorchSharp is installed.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Where run folders are created, relative to the working directory.</summary>
    public string RunsDirectory { get; init; } = "runs";

    public required DataOptions Data { get; init; }

    /// <summary>The models to train, in order.</summary>
    public required IReadOnlyList<ModelConfig> Models { get; init; }

    public EvaluationOptions Evaluation { get; init; } = new();

    /// <summary>Gold word alignments of the dev and test splits; null to skip the alignment comparison.</summary>
    public AlignmentOptions? Alignment { get; init; }

    /// <summary>Checks every value; the message names the key.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || Name.Contains('/'))
            throw new UserException($"name: expected a name usable as a folder name, got '{Name}'");
        if (string.IsNullOrWhiteSpace(RunsDirectory))
            throw new UserException($"runsDirectory: expected the path of a folder, got \"{RunsDirectory}\"");
        Check.Integer(Threads, 1, MaxThreads, "threads");
        if (Device != "cpu" && !Device.StartsWith("cuda", StringComparison.Ordinal))
            throw new UserException($"device: expected \"cpu\", \"cuda\" or \"cuda:N\", got \"{Device}\"");
        Data.Validate();
        if (Models.Count == 0)
            throw new UserException("models: expected at least one model");
        for (int i = 0; i < Models.Count; i++)
            Models[i].Validate($"models[{i}]");
        var duplicate = Models.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new UserException($"models: the name '{duplicate.Key}' is used twice; model names must be unique");
        Evaluation.Validate();
        Alignment?.Validate(Data);
    }

    /// <summary>Checks every value of the configuration read from <paramref name="file"/>; the message names the
    /// file and the key.</summary>
    public void Validate(string file)
    {
        try
        {
            Validate();
        }
        catch (UserException e)
        {
            throw new UserException($"{file}: {e.Message}", e);
        }
    }

    /// <summary>The same configuration with every relative corpus and gold path resolved against
    /// <paramref name="directory"/>.</summary>
    public ExperimentConfig ResolvePaths(string directory)
    {
        string Resolve(string path) => Path.GetFullPath(path, directory);
        CorpusSource? ResolveSource(CorpusSource? source) => source is null ? null : source with
        {
            Tsv = source.Tsv is null ? null : Resolve(source.Tsv),
            Source = source.Source is null ? null : Resolve(source.Source),
            Target = source.Target is null ? null : Resolve(source.Target),
        };
        return this with
        {
            Data = Data with { Train = ResolveSource(Data.Train)!, Dev = ResolveSource(Data.Dev), Test = ResolveSource(Data.Test) },
            Alignment = Alignment is null ? null : Alignment with
            {
                DevGold = Alignment.DevGold is null ? null : Resolve(Alignment.DevGold),
                TestGold = Alignment.TestGold is null ? null : Resolve(Alignment.TestGold),
            },
        };
    }
}

/// <summary>How trained models are evaluated on the test split (and how translate decodes by default).</summary>
public sealed record EvaluationOptions
{
    /// <summary>Upper bounds that keep a mistyped setting from turning decoding into an apparent hang: beams wider than
    /// this, targets longer than this many times the source, or more than this many tokens beyond it are never useful
    /// in translation.</summary>
    public const int MaxBeamSize = 100, MaxLengthRatioLimit = 10, MaxLengthOffsetLimit = 1000;

    /// <summary>The beam of the beam-search evaluation (greedy is always evaluated too).</summary>
    public int BeamSize { get; init; } = 5;

    /// <summary>α of the length penalty ((5 + length) / 6)^α.</summary>
    public double LengthPenalty { get; init; } = 1.0;

    /// <summary>Hypotheses end at the latest after ⌊ratio · source length + offset⌋ tokens.</summary>
    public double MaxLengthRatio { get; init; } = 1.5;

    public int MaxLengthOffset { get; init; } = 10;

    /// <summary>Sentences decoded together.</summary>
    public int BatchSentences { get; init; } = 64;

    public Decoding.DecodingOptions Decoding => new()
    {
        LengthPenalty = LengthPenalty, MaxLengthRatio = MaxLengthRatio, MaxLengthOffset = MaxLengthOffset,
    };

    public void Validate()
    {
        Check.Integer(BeamSize, 1, MaxBeamSize, "evaluation.beamSize");
        Check.AtLeast(LengthPenalty, 0, "evaluation.lengthPenalty");
        Check.InRange(MaxLengthRatio, 0, MaxLengthRatioLimit, "evaluation.maxLengthRatio", upperInclusive: true);
        Check.InRange(MaxLengthOffset, 1, MaxLengthOffsetLimit, "evaluation.maxLengthOffset", upperInclusive: true);
        Check.Positive(BatchSentences, "evaluation.batchSentences");
    }
}

/// <summary>Gold word alignments for the alignment comparison: one line per pair of the split, Pharaoh links.</summary>
public sealed record AlignmentOptions
{
    /// <summary>Gold links of the test split (scored).</summary>
    public string? TestGold { get; init; }

    /// <summary>Gold links of the dev split (used to choose the Transformer layer).</summary>
    public string? DevGold { get; init; }

    /// <summary>Whether the gold indices count from 0 (Pharaoh) or from 1 (the WPT/Hansards files).</summary>
    public bool ZeroBased { get; init; } = true;

    /// <summary>How many test sentences get heatmaps and exported matrices.</summary>
    public int Figures { get; init; } = 12;

    /// <summary>Checks the values, and that <paramref name="data"/> has the splits the gold files align.</summary>
    public void Validate(DataOptions data)
    {
        if (TestGold is null)
            throw new UserException("alignment.testGold: expected the path of the test split's gold alignments");
        if (data.Test is null && data.TestSize == 0)
            throw new UserException("alignment.testGold: needs a test split (data.test or data.testSize)");
        if (DevGold is not null && data.Dev is null && data.DevSize == 0)
            throw new UserException("alignment.devGold: needs a dev split (data.dev or data.devSize)");
        Check.AtLeast(Figures, 0, "alignment.figures");
    }
}
