namespace Seq2Seq.Train.Alignments;

/// <summary>Writes a file through a temporary file in the same folder and a rename, so it is never seen half-written.</summary>
internal static class AtomicFile
{
    /// <summary>Calls <paramref name="write"/> with a temporary path, then moves it onto <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        // Keep the extension: some writers (image encoders) look at it.
        string temporary = Path.Combine(directory,
            $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.tmp{Path.GetExtension(full)}");
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, temporary => File.WriteAllText(temporary, text));
}
