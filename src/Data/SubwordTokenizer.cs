using Microsoft.ML.Tokenizers;

namespace Seq2Seq.Data;

/// <summary>
/// Byte-level BPE encoding and decoding done by Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/>
/// (<c>ByteLevel = true</c>) with the GPT-2 pre-tokenizer, from a <see cref="BpeModel"/> learned by
/// <see cref="BpeLearner"/>. Every UTF-8 byte is a symbol, so no character is unknown to the tokenizer and
/// <c>Decode(Encode(x)) == TextNormalizer.Normalize(x)</c> for any text.
/// </summary>
public sealed class SubwordTokenizer
{
    private readonly BpeTokenizer _bpe;

    private SubwordTokenizer(BpeModel model, BpeTokenizer bpe)
    {
        Model = model;
        _bpe = bpe;
    }

    /// <summary>The GPT-2 pre-tokenizer (the library's <see cref="RobertaPreTokenizer"/>, which applies GPT-2's
    /// pattern: English contractions, then runs of letters, of digits or of other symbols, each with an optional
    /// leading space), used both to count words when learning and to split text when encoding.</summary>
    public static PreTokenizer PreTokenizer => RobertaPreTokenizer.Instance;

    public BpeModel Model { get; }

    public static SubwordTokenizer Create(BpeModel model)
    {
        var options = new BpeOptions(model.Symbols.Select((symbol, id) => new KeyValuePair<string, int>(symbol, id)))
        {
            Merges = model.Merges.Select(merge => $"{merge.Left} {merge.Right}"),
            ByteLevel = true,
            PreTokenizer = PreTokenizer,
        };
        return new SubwordTokenizer(model, BpeTokenizer.Create(options));
    }

    /// <summary>Loads a model saved by <see cref="BpeModel.Save"/>.</summary>
    public static SubwordTokenizer Load(string vocabPath, string mergesPath) =>
        Create(BpeModel.Load(vocabPath, mergesPath));

    /// <summary>Normalises the text and splits it into pieces.</summary>
    public EncodedSentence Encode(string text)
    {
        string normalized = TextNormalizer.Normalize(text);
        var tokens = _bpe.EncodeToTokens(normalized, out _);
        var pieces = new SubwordPiece[tokens.Count];
        for (int i = 0; i < pieces.Length; i++)
        {
            var (start, length) = tokens[i].Offset.GetOffsetAndLength(normalized.Length);
            // The library reports a character outside the BMP by its high surrogate only: cover the whole pair.
            int end = start + length;
            if (length > 0 && end < normalized.Length && char.IsHighSurrogate(normalized[end - 1]) && char.IsLowSurrogate(normalized[end]))
                length++;
            pieces[i] = new SubwordPiece(tokens[i].Value, start, length);
        }
        return new EncodedSentence(normalized, pieces);
    }

    /// <summary>The text of a sequence of pieces of this model.</summary>
    /// <exception cref="ArgumentException">a piece is not in this model's vocabulary</exception>
    public string Decode(IEnumerable<string> pieces)
    {
        var vocabulary = _bpe.Vocabulary;
        return _bpe.Decode(pieces.Select(piece => vocabulary.TryGetValue(piece, out int id)
            ? id
            : throw new ArgumentException($"\"{piece}\" is not a piece of this BPE model", nameof(pieces))));
    }
}
