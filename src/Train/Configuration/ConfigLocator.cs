using Seq2Seq.Data;

namespace Seq2Seq.Train.Configuration;

/// <summary>
/// Finds a configuration file given as a path or by name: a path that exists is used as it is; otherwise a bare
/// name (<c>base.json</c>, or <c>base</c>) is looked up in the <c>configs/</c> folder of the working directory or of
/// any folder above it, then of the folders above the program itself, so <c>--config base.json</c> works from
/// anywhere inside the repository.
/// </summary>
public static class ConfigLocator
{
    public const string ConfigsFolder = "configs";

    public static string Find(string nameOrPath)
    {
        if (File.Exists(nameOrPath))
            return Path.GetFullPath(nameOrPath);
        string name = Path.GetFileName(nameOrPath);
        bool bareName = name == nameOrPath;
        if (bareName)
        {
            string[] candidates = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? [name] : [name, name + ".json"];
            foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
                for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
                    foreach (string candidate in candidates)
                    {
                        string path = Path.Combine(directory.FullName, ConfigsFolder, candidate);
                        if (File.Exists(path))
                            return path;
                    }
        }
        throw new UserException(bareName
            ? $"{nameOrPath}: config not found (neither a file here nor in a {ConfigsFolder}/ folder of this or a parent directory)"
            : $"{nameOrPath}: config not found");
    }

    /// <summary>Reads, resolves (paths relative to the file) and validates a configuration.</summary>
    public static ExperimentConfig Load(string nameOrPath)
    {
        string path = Find(nameOrPath);
        var config = JsonConfig.Read<ExperimentConfig>(path).ResolvePaths(Path.GetDirectoryName(path)!);
        config.Validate(path);
        return config;
    }
}
