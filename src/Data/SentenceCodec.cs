using System.Text;

namespace Seq2Seq.Data;

/// <summary>
/// One side of a translation model's text interface: a sentence to model ids (BPE pieces looked up in the
/// vocabulary, no special tokens added) and model ids back to a sentence.
/// </summary>
public sealed class SentenceCodec(SubwordTokenizer tokenizer, Vocabulary vocabulary)
{
    public SubwordTokenizer Tokenizer { get; } = tokenizer;

    public Vocabulary Vocabulary { get; } = vocabulary;

    /// <summary>The model ids of a sentence's pieces; pieces outside the vocabulary become &lt;unk&gt;.</summary>
    public int[] Encode(string text) => Vocabulary.Encode(Tokenizer.Encode(text).Pieces.Select(piece => piece.Value));

    /// <summary>
    /// The normalised sentence of a sequence of model ids: stops at the first &lt;/s&gt;, skips &lt;s&gt; and
    /// &lt;pad&gt;, and writes &lt;unk&gt; for each unknown piece.
    /// </summary>
    public string Decode(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        var run = new List<string>();
        foreach (int id in ids)
        {
            if (id == SpecialTokens.Eos)
                break;
            if (id is SpecialTokens.Bos or SpecialTokens.Pad)
                continue;
            if (id == SpecialTokens.Unk)
            {
                text.Append(Tokenizer.Decode(run)).Append(SpecialTokens.UnkToken);
                run.Clear();
                continue;
            }
            run.Add(Vocabulary.TokenOf(id));
        }
        text.Append(Tokenizer.Decode(run));
        return TextNormalizer.Normalize(text.ToString());
    }
}
