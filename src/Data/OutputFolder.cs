namespace Seq2Seq.Data;

/// <summary>The folder a command writes its files to, checked before any work starts (and created only when the
/// command writes, so that a failed command leaves nothing behind).</summary>
public static class OutputFolder
{
    /// <summary>Fails with one line naming <paramref name="key"/> when <paramref name="path"/> is empty, is a file, or
    /// lies under a file, so that the folder could not be created.</summary>
    public static void Check(string path, string key)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new UserException($"{key}: expected a folder, got an empty path");
        for (string? current = Path.GetFullPath(path); current is not null; current = Path.GetDirectoryName(current))
        {
            if (File.Exists(current))
                throw new UserException(current == Path.GetFullPath(path)
                    ? $"{key}: {path} is a file, expected a folder"
                    : $"{key}: {path} lies under the file {current}, expected a folder");
            if (Directory.Exists(current))
                return;
        }
    }
}
