using System.Security.Cryptography;
using System.Text;
using Seq2Seq.Data;

namespace Seq2Seq.Train.Checkpoints;

/// <summary>
/// The on-disk container of a checkpoint: a magic header, three length-prefixed sections (JSON metadata, model
/// weights, optimiser state) and a SHA-256 of everything before it. It is written to a temporary file, flushed to disk
/// and renamed over the target, so a checkpoint is always either the previous one or the new one; reading verifies
/// the header, the lengths and the checksum, so a truncated or corrupted file is reported, never half-loaded.
/// </summary>
public static class CheckpointFile
{
    private static readonly byte[] Magic = "S2SCKPT1"u8.ToArray();
    private const int HashLength = 32;

    /// <summary>The three sections of a checkpoint.</summary>
    public sealed record Sections(byte[] Metadata, byte[] Model, byte[] Optimizer);

    public static void Write(string path, Sections sections)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            foreach (var section in new[] { sections.Metadata, sections.Model, sections.Optimizer })
            {
                writer.Write((long)section.Length);
                writer.Write(section);
            }
        }
        buffer.Write(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        AtomicFile.WriteStream(path, buffer.WriteTo);
    }

    /// <exception cref="UserException">the file is missing, not a checkpoint, truncated or corrupted</exception>
    public static Sections Read(string path)
    {
        if (!File.Exists(path))
            throw new UserException($"{path}: checkpoint not found");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new UserException($"{path}: not a checkpoint of this toolkit");
        int offset = Magic.Length;
        var sections = new byte[3][];
        for (int i = 0; i < sections.Length; i++)
        {
            if (offset + sizeof(long) > bytes.Length)
                throw Truncated(path);
            long length = BitConverter.ToInt64(bytes, offset);
            offset += sizeof(long);
            if (length < 0 || length > bytes.Length - offset)
                throw Truncated(path);
            sections[i] = bytes.AsSpan(offset, (int)length).ToArray();
            offset += (int)length;
        }
        if (bytes.Length - offset != HashLength)
            throw bytes.Length - offset < HashLength ? Truncated(path) : Corrupted(path);
        if (!SHA256.HashData(bytes.AsSpan(0, offset)).AsSpan().SequenceEqual(bytes.AsSpan(offset)))
            throw Corrupted(path);
        return new Sections(sections[0], sections[1], sections[2]);
    }

    private static UserException Truncated(string path) =>
        new($"{path}: checkpoint is truncated (an interrupted copy?); use another checkpoint");

    private static UserException Corrupted(string path) =>
        new($"{path}: checkpoint is corrupted (checksum mismatch); use another checkpoint");
}
