using System.Text;
using System.Text.Unicode;

namespace Seq2Seq.Data;

/// <summary>
/// Reads a UTF-8 text file line by line, strictly: lines end at '\n' (a '\r' before it is dropped), a leading byte
/// order mark is skipped, and a line that is not valid UTF-8 is reported as <c>file:line: invalid UTF-8</c>.
/// </summary>
public static class Utf8LineReader
{
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public static IEnumerable<string> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1,
            FileOptions.SequentialScan);
        byte[] buffer = new byte[1 << 16];
        int start = 0, end = 0, line = 0;
        bool endOfFile = false;
        while (true)
        {
            int newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline < 0 && !endOfFile)
            {
                // Keep the partial line at the front of the buffer and read more.
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
                if (end == buffer.Length)
                    Array.Resize(ref buffer, buffer.Length * 2);
                int read = stream.Read(buffer, end, buffer.Length - end);
                endOfFile = read == 0;
                end += read;
                continue;
            }
            if (newline < 0 && start == end)
                yield break;

            int lineEnd = newline < 0 ? end : newline;
            line++;
            yield return Decode(path, line, buffer.AsSpan(start, lineEnd - start));
            start = newline < 0 ? end : newline + 1;
        }
    }

    private static string Decode(string path, int line, ReadOnlySpan<byte> bytes)
    {
        if (line == 1 && bytes.StartsWith(ByteOrderMark))
            bytes = bytes[ByteOrderMark.Length..];
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
            bytes = bytes[..^1];
        if (!Utf8.IsValid(bytes))
            throw new UserException($"{path}:{line}: invalid UTF-8");
        return Encoding.UTF8.GetString(bytes);
    }
}
