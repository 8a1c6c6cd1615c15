namespace Seq2Seq.Data;

/// <summary>
/// Where one split of a parallel corpus is read from: either a TSV file (<c>source&lt;TAB&gt;target</c> per line)
/// or two line-aligned plain-text files (the Moses / Multi30k layout, e.g. <c>train.en</c> + <c>train.fr</c>).
/// Set <see cref="Tsv"/> alone, or <see cref="Source"/> and <see cref="Target"/> together.
/// </summary>
public sealed record CorpusSource
{
    /// <summary>A TSV file with one <c>source&lt;TAB&gt;target</c> pair per line.</summary>
    public string? Tsv { get; init; }

    /// <summary>The source-language file of a line-aligned pair of files.</summary>
    public string? Source { get; init; }

    /// <summary>The target-language file of a line-aligned pair of files.</summary>
    public string? Target { get; init; }

    public static CorpusSource FromTsv(string path) => new() { Tsv = path };

    public static CorpusSource FromFiles(string source, string target) => new() { Source = source, Target = target };

    /// <summary>Throws a <see cref="UserException"/> unless exactly one of the two layouts is given.</summary>
    /// <param name="key">the name of this source in the configuration, used in the message (e.g. <c>data.train</c>)</param>
    public void Validate(string key)
    {
        bool tsv = !string.IsNullOrWhiteSpace(Tsv);
        bool source = !string.IsNullOrWhiteSpace(Source);
        bool target = !string.IsNullOrWhiteSpace(Target);
        if (tsv && (source || target))
            throw new UserException($"{key}: expected either a TSV file or a source and a target file, not both");
        if (!tsv && !(source && target))
            throw new UserException($"{key}: expected a TSV file, or both a source and a target file");
    }

    public override string ToString() => Tsv ?? $"{Source} + {Target}";
}
