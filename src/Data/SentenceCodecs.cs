namespace Seq2Seq.Data;

/// <summary>
/// The source and target <see cref="SentenceCodec"/>s of a model, saved to and loaded from a folder so that a trained
/// model translates without its corpus. Files (all UTF-8):
/// <list type="table">
/// <item><term><c>bpe.vocab.json</c>, <c>bpe.merges.txt</c></term><description>the joint BPE model, used by both
/// sides</description></item>
/// <item><term><c>bpe.source.vocab.json</c>, <c>bpe.source.merges.txt</c>, <c>bpe.target.vocab.json</c>,
/// <c>bpe.target.merges.txt</c></term><description>separate BPE models, one per side</description></item>
/// <item><term><c>vocab.source.json</c>, <c>vocab.target.json</c></term><description>the model vocabularies
/// (<see cref="Data.Vocabulary"/>), always one per side</description></item>
/// </list>
/// The <c>bpe.*</c> pairs are GPT-2-format tokenizer files (<see cref="BpeModel"/>); the <c>vocab.*</c> files map
/// pieces to the ids the model sees.
/// </summary>
public sealed record SentenceCodecs(SentenceCodec Source, SentenceCodec Target)
{
    public const string JointBpeVocab = "bpe.vocab.json";
    public const string JointBpeMerges = "bpe.merges.txt";
    public const string SourceBpeVocab = "bpe.source.vocab.json";
    public const string SourceBpeMerges = "bpe.source.merges.txt";
    public const string TargetBpeVocab = "bpe.target.vocab.json";
    public const string TargetBpeMerges = "bpe.target.merges.txt";
    public const string SourceVocabulary = "vocab.source.json";
    public const string TargetVocabulary = "vocab.target.json";

    /// <summary>Whether both sides share one BPE model.</summary>
    public bool Joint => ReferenceEquals(Source.Tokenizer, Target.Tokenizer);

    /// <summary>Writes the tokenizer and vocabulary files to <paramref name="directory"/> (created if needed),
    /// removing the BPE files of the other layout (joint or separate) so that <see cref="Load"/> is unambiguous.</summary>
    /// <returns>the names of the files written</returns>
    public IReadOnlyList<string> Save(string directory)
    {
        Directory.CreateDirectory(directory);
        string[] written, stale;
        if (Joint)
        {
            Source.Tokenizer.Model.Save(Path.Combine(directory, JointBpeVocab), Path.Combine(directory, JointBpeMerges));
            written = [JointBpeVocab, JointBpeMerges];
            stale = [SourceBpeVocab, SourceBpeMerges, TargetBpeVocab, TargetBpeMerges];
        }
        else
        {
            Source.Tokenizer.Model.Save(Path.Combine(directory, SourceBpeVocab), Path.Combine(directory, SourceBpeMerges));
            Target.Tokenizer.Model.Save(Path.Combine(directory, TargetBpeVocab), Path.Combine(directory, TargetBpeMerges));
            written = [SourceBpeVocab, SourceBpeMerges, TargetBpeVocab, TargetBpeMerges];
            stale = [JointBpeVocab, JointBpeMerges];
        }
        foreach (string name in stale)
            File.Delete(Path.Combine(directory, name));
        Source.Vocabulary.Save(Path.Combine(directory, SourceVocabulary));
        Target.Vocabulary.Save(Path.Combine(directory, TargetVocabulary));
        return [.. written, SourceVocabulary, TargetVocabulary];
    }

    /// <summary>Loads what <see cref="Save"/> wrote.</summary>
    public static SentenceCodecs Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new UserException($"{directory}: folder not found");
        string In(string name) => Path.Combine(directory, name);
        SubwordTokenizer source, target;
        if (File.Exists(In(JointBpeVocab)))
        {
            source = target = SubwordTokenizer.Load(In(JointBpeVocab), In(JointBpeMerges));
        }
        else if (File.Exists(In(SourceBpeVocab)))
        {
            source = SubwordTokenizer.Load(In(SourceBpeVocab), In(SourceBpeMerges));
            target = SubwordTokenizer.Load(In(TargetBpeVocab), In(TargetBpeMerges));
        }
        else
        {
            throw new UserException(
                $"{directory}: no BPE model (expected {JointBpeVocab} and {JointBpeMerges}, or {SourceBpeVocab}, {SourceBpeMerges}, {TargetBpeVocab} and {TargetBpeMerges})");
        }
        return new SentenceCodecs(
            new SentenceCodec(source, LoadVocabulary(In(SourceVocabulary), source)),
            new SentenceCodec(target, LoadVocabulary(In(TargetVocabulary), target)));
    }

    /// <summary>Loads a vocabulary and checks that every piece belongs to the BPE model it goes with.</summary>
    private static Vocabulary LoadVocabulary(string path, SubwordTokenizer tokenizer)
    {
        var vocabulary = Vocabulary.Load(path);
        var symbols = tokenizer.Model.Symbols.ToHashSet(StringComparer.Ordinal);
        for (int id = SpecialTokens.All.Count; id < vocabulary.Count; id++)
        {
            if (!symbols.Contains(vocabulary.TokenOf(id)))
                throw new UserException($"{path}: token {id} (\"{vocabulary.TokenOf(id)}\") is not a piece of the BPE model");
        }
        return vocabulary;
    }
}
