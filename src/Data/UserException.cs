namespace Seq2Seq.Data;

/// <summary>
/// An error the user can fix: a bad corpus line, a wrong config key, a missing file. The message is one line that
/// names the file, line or key and says what was expected; the command line prints it and exits with code 1.
/// </summary>
public sealed class UserException(string message, Exception? inner = null) : Exception(message, inner);
