using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Seq2Seq.Data;

/// <summary>
/// The model's vocabulary for one side: ids 0–3 are <see cref="SpecialTokens"/>, then the BPE pieces seen in the
/// (encoded) training split at least <see cref="MinFrequency"/> times, most frequent first (ties ordinal). Any other
/// piece maps to <see cref="SpecialTokens.Unk"/>. Special tokens are never looked up as pieces, so a corpus that
/// contains the text "&lt;s&gt;" cannot produce the id of &lt;s&gt;.
/// Saved as JSON (<c>{"minFrequency": 1, "tokens": ["&lt;pad&gt;", "&lt;unk&gt;", "&lt;s&gt;", "&lt;/s&gt;", …]}</c>, the token
/// of id i at index i) so that a trained model translates without its corpus.
/// </summary>
public sealed class Vocabulary
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _pieceIds;

    /// <param name="tokens">the special tokens, then distinct pieces</param>
    private Vocabulary(string[] tokens, int minFrequency)
    {
        _tokens = tokens;
        MinFrequency = minFrequency;
        _pieceIds = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int id = SpecialTokens.All.Count; id < tokens.Length; id++)
            _pieceIds.Add(tokens[id], id);
    }

    public int MinFrequency { get; }

    public int Count => _tokens.Length;

    /// <summary>The token of each id: the special tokens, then the pieces.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Counts the pieces of the training sentences and keeps those seen at least
    /// <paramref name="minFrequency"/> times.</summary>
    public static Vocabulary Build(IEnumerable<IEnumerable<string>> sentences, int minFrequency = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minFrequency, 1);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (string piece in sentence)
                counts[piece] = counts.GetValueOrDefault(piece) + 1;
        }
        string[] tokens =
        [
            .. SpecialTokens.All,
            .. counts.Where(entry => entry.Value >= minFrequency)
                .OrderByDescending(entry => entry.Value)
                .ThenBy(entry => entry.Key, StringComparer.Ordinal)
                .Select(entry => entry.Key),
        ];
        return new Vocabulary(tokens, minFrequency);
    }

    /// <summary>The id of a piece, or <see cref="SpecialTokens.Unk"/> if it is not in the vocabulary.</summary>
    public int IdOf(string piece) => _pieceIds.GetValueOrDefault(piece, SpecialTokens.Unk);

    public bool Contains(string piece) => _pieceIds.ContainsKey(piece);

    /// <summary>The special token or piece of an id.</summary>
    public string TokenOf(int id) => _tokens[id];

    public int[] Encode(IEnumerable<string> pieces) => [.. pieces.Select(IdOf)];

    public void Save(string path) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new VocabularyFile(MinFrequency, _tokens), JsonOptions) + "\n");

    public static Vocabulary Load(string path)
    {
        FileChecks.RequireFile(path);
        VocabularyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<VocabularyFile>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new UserException($"{path}: expected a vocabulary JSON object ({e.Message})", e);
        }
        if (file?.Tokens is not { } tokens || tokens.Length < SpecialTokens.All.Count
            || !tokens.Take(SpecialTokens.All.Count).SequenceEqual(SpecialTokens.All))
        {
            throw new UserException($"{path}: expected \"tokens\" to start with {string.Join(", ", SpecialTokens.All)}");
        }
        if (file.MinFrequency < 1)
            throw new UserException($"{path}: expected \"minFrequency\" to be at least 1, found {file.MinFrequency}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int id = SpecialTokens.All.Count; id < tokens.Length; id++)
        {
            if (!seen.Add(tokens[id]))
                throw new UserException($"{path}: token {id} (\"{tokens[id]}\") appears twice");
        }
        return new Vocabulary(tokens, file.MinFrequency);
    }

    private sealed record VocabularyFile(
        [property: JsonRequired] int MinFrequency,
        [property: JsonRequired] string[] Tokens);
}
