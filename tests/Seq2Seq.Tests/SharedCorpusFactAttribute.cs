namespace Seq2Seq.Tests;

/// <summary>
/// A fact that reads a public corpus from <c>../shared/corpora/&lt;name&gt;</c> beside the repository (used for
/// reference checks, never copied into the project); it is reported as skipped where that corpus is absent.
/// </summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute(string corpus)
    {
        if (SharedCorpus.Folder(corpus) is null)
            Skip = $"the shared corpus ../shared/corpora/{corpus} is not present";
    }
}

/// <summary>Where the shared corpora are.</summary>
internal static class SharedCorpus
{
    public const string Hansards = "wpt03-hansards-en-fr-gold";
    public const string Multi30kEnFr = "multi30k-en-fr";

    /// <summary>The corpus folder, or null when it is absent.</summary>
    public static string? Folder(string corpus)
    {
        string folder = Path.GetFullPath(TestFiles.Repository("..", "shared", "corpora", corpus));
        return Directory.Exists(folder) ? folder : null;
    }
}
