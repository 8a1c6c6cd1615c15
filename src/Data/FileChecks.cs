namespace Seq2Seq.Data;

/// <summary>Checks on input files that report problems as one-line <see cref="UserException"/>s.</summary>
internal static class FileChecks
{
    public static void RequireFile(string path)
    {
        if (!File.Exists(path))
            throw new UserException($"{path}: file not found");
    }
}
