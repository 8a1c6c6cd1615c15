namespace Seq2Seq.Tests.Alignments;

/// <summary>
/// A fact that needs the WPT03 Hansards gold alignments in <c>../shared/corpora/wpt03-hansards-en-fr-gold</c>
/// beside the repository; it is reported as skipped where that folder is absent.
/// </summary>
public sealed class HansardsFactAttribute : FactAttribute
{
    public HansardsFactAttribute()
    {
        if (HansardsCorpus.Folder is null)
            Skip = "the Hansards gold alignments (../shared/corpora/wpt03-hansards-en-fr-gold) are not present";
    }
}

/// <summary>Finds the Hansards gold folder: up from the test assembly to the folder holding Seq2Seq.sln, then
/// <c>../shared/corpora/wpt03-hansards-en-fr-gold</c>.</summary>
internal static class HansardsCorpus
{
    public static string? Folder { get; } = Find();

    private static string? Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (!File.Exists(Path.Combine(directory.FullName, "Seq2Seq.sln")))
                continue;
            string folder = Path.GetFullPath(
                Path.Combine(directory.FullName, "..", "shared", "corpora", "wpt03-hansards-en-fr-gold"));
            return File.Exists(Path.Combine(folder, "test.enfr.gold.talp")) ? folder : null;
        }
        return null;
    }
}
