namespace Seq2Seq.Train.Evaluation;

/// <summary>
/// Python's <c>str.split()</c> / <c>str.rstrip()</c> notion of whitespace, which sacreBLEU's tokenisers rely on. It is
/// .NET's <see cref="char.IsWhiteSpace(char)"/> plus the four information separators U+001C–U+001F, which Python
/// (bidirectional class B or S) treats as whitespace and .NET does not.
/// </summary>
internal static class PythonWhitespace
{
    public static bool IsWhitespace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';

    /// <summary>Python's <c>text.split()</c>: runs of whitespace separate fields; no empty fields.</summary>
    public static List<string> Split(string text)
    {
        var fields = new List<string>();
        int start = -1;
        for (int i = 0; i < text.Length; i++)
        {
            if (IsWhitespace(text[i]))
            {
                if (start >= 0)
                    fields.Add(text[start..i]);
                start = -1;
            }
            else if (start < 0)
            {
                start = i;
            }
        }
        if (start >= 0)
            fields.Add(text[start..]);
        return fields;
    }

    /// <summary>Python's <c>text.rstrip()</c>.</summary>
    public static string TrimEnd(string text)
    {
        int end = text.Length;
        while (end > 0 && IsWhitespace(text[end - 1]))
            end--;
        return text[..end];
    }
}
