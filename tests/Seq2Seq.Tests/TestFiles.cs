namespace Seq2Seq.Tests;

/// <summary>Paths of the repository, for tests that read its files.</summary>
internal static class TestFiles
{
    /// <summary>The folder holding Seq2Seq.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Repository(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Seq2Seq.sln")))
                return directory.FullName;
        throw new InvalidOperationException("Seq2Seq.sln not found above the test assembly");
    }
}

/// <summary>A fresh temporary folder, deleted with its contents on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"seq2seq-test-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes text as UTF-8 without a byte order mark and returns the file's path.</summary>
    public string Write(string name, string text) => WriteBytes(name, System.Text.Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string name, byte[] bytes)
    {
        string path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
