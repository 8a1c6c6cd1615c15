namespace Seq2Seq.Data;

/// <summary>The reserved ids every vocabulary starts with.</summary>
public static class SpecialTokens
{
    public const int Pad = 0;
    public const int Unk = 1;
    public const int Bos = 2;
    public const int Eos = 3;

    public const string PadToken = "<pad>";
    public const string UnkToken = "<unk>";
    public const string BosToken = "<s>";
    public const string EosToken = "</s>";

    /// <summary>The special tokens in id order.</summary>
    public static IReadOnlyList<string> All { get; } = [PadToken, UnkToken, BosToken, EosToken];
}
