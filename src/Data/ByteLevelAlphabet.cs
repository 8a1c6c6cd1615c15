using System.Collections.Frozen;
using System.Text;

namespace Seq2Seq.Data;

/// <summary>
/// GPT-2's reversible map from the 256 byte values to printable characters (Radford et al. 2019,
/// <c>bytes_to_unicode</c>): printable Latin-1 bytes stand for themselves, the others (space, control characters…)
/// are shifted to U+0100 and up, so the space becomes 'Ġ'. Byte-level BPE pieces are strings over this alphabet.
/// </summary>
public static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = BuildByteToChar();
    private static readonly FrozenDictionary<char, byte> CharToByte =
        Enumerable.Range(0, 256).ToFrozenDictionary(b => ByteToChar[b], b => (byte)b);

    /// <summary>The symbol that stands for one byte.</summary>
    public static char Symbol(byte value) => ByteToChar[value];

    /// <summary>
    /// The text a byte-level piece stands for. A piece that holds only part of a character's bytes decodes to
    /// U+FFFD for that part; characters outside the alphabet (e.g. special tokens) are kept as they are.
    /// </summary>
    public static string Decode(string piece)
    {
        var text = new StringBuilder(piece.Length);
        var bytes = new List<byte>(piece.Length);
        foreach (char c in piece)
        {
            if (CharToByte.TryGetValue(c, out byte b))
            {
                bytes.Add(b);
                continue;
            }
            Flush();
            text.Append(c);
        }
        Flush();
        return text.ToString();

        void Flush()
        {
            text.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        int shifted = 0;
        for (int b = 0; b < 256; b++)
        {
            bool printable = b is >= '!' and <= '~' or >= '¡' and <= '¬' or >= '®' and <= 'ÿ';
            map[b] = printable ? (char)b : (char)(256 + shifted++);
        }
        return map;
    }
}
