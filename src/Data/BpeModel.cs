using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Seq2Seq.Data;

/// <summary>
/// A learned byte-level BPE model in the GPT-2 file format that Microsoft.ML.Tokenizers reads:
/// <c>vocab.json</c> maps every symbol to its id (the 256 byte symbols, ids 0–255 in byte order, then every merge
/// result in the order learned) and <c>merges.txt</c> lists the merges, best first, as <c>left right</c> lines after a
/// <c>#version: 0.2</c> header.
/// </summary>
public sealed class BpeModel
{
    private const string MergesHeader = "#version: 0.2";

    public BpeModel(IReadOnlyList<(string Left, string Right)> merges, IReadOnlyList<string> symbols)
    {
        Merges = merges;
        Symbols = symbols;
    }

    /// <summary>The merges in the order they were learned (the order the tokenizer applies them).</summary>
    public IReadOnlyList<(string Left, string Right)> Merges { get; }

    /// <summary>The tokenizer vocabulary, indexed by tokenizer id.</summary>
    public IReadOnlyList<string> Symbols { get; }

    public void Save(string vocabPath, string mergesPath)
    {
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json, options))
        {
            writer.WriteStartObject();
            for (int id = 0; id < Symbols.Count; id++)
                writer.WriteNumber(Symbols[id], id);
            writer.WriteEndObject();
        }
        AtomicFile.WriteAllText(vocabPath, Encoding.UTF8.GetString(json.ToArray()) + "\n");

        var merges = new StringBuilder(MergesHeader).Append('\n');
        foreach (var (left, right) in Merges)
            merges.Append(left).Append(' ').Append(right).Append('\n');
        AtomicFile.WriteAllText(mergesPath, merges.ToString());
    }

    /// <summary>Reads a model written by <see cref="Save"/>, checking that it is consistent.</summary>
    public static BpeModel Load(string vocabPath, string mergesPath)
    {
        var symbols = LoadSymbols(vocabPath);
        var known = symbols.ToHashSet(StringComparer.Ordinal);
        var merges = new List<(string, string)>();
        int line = 0;
        FileChecks.RequireFile(mergesPath);
        foreach (string text in Utf8LineReader.ReadLines(mergesPath))
        {
            line++;
            if (text.Length == 0 || line == 1 && text.StartsWith("#version", StringComparison.Ordinal))
                continue;
            string[] parts = text.Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new UserException($"{mergesPath}:{line}: expected two space-separated symbols");
            if (!known.Contains(parts[0] + parts[1]))
                throw new UserException($"{mergesPath}:{line}: the merge result is not in {Path.GetFileName(vocabPath)}");
            merges.Add((parts[0], parts[1]));
        }
        return new BpeModel(merges, symbols);
    }

    private static List<string> LoadSymbols(string vocabPath)
    {
        Dictionary<string, int>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<Dictionary<string, int>>(ReadAllText(vocabPath));
        }
        catch (JsonException e)
        {
            throw new UserException($"{vocabPath}: expected a JSON object of symbol ids ({e.Message})", e);
        }
        if (entries is null || entries.Count == 0)
            throw new UserException($"{vocabPath}: expected a JSON object of symbol ids");
        var symbols = new string[entries.Count];
        foreach (var (symbol, id) in entries)
        {
            if (id < 0 || id >= symbols.Length || symbols[id] is not null)
                throw new UserException($"{vocabPath}: expected ids 0 to {symbols.Length - 1}, each once; found {id} for \"{symbol}\"");
            symbols[id] = symbol;
        }
        for (int b = 0; b < 256; b++)
        {
            if (b >= symbols.Length || symbols[b] != ByteLevelAlphabet.Symbol((byte)b).ToString())
                throw new UserException($"{vocabPath}: expected the 256 byte symbols as ids 0 to 255");
        }
        return [.. symbols];
    }

    private static string ReadAllText(string path)
    {
        FileChecks.RequireFile(path);
        return string.Join("\n", Utf8LineReader.ReadLines(path));
    }
}
