using System.Text;
using Seq2Seq.Train;
using Seq2Seq.Train.Runs;
using Seq2Seq.Train.Translation;

namespace Seq2Seq.Tests.Translation;

[Collection(nameof(ConsoleCollection))]
public sealed class TranslateTests(TinyRunFixture run) : IClassFixture<TinyRunFixture>
{
    [Fact]
    public void PipedInputGetsOneTranslationPerLineAndNothingElse()
    {
        string input = "three one four.\n\nnine nine.\n" + new string('x', 10_000) + "\n";

        var (exitCode, output, error) = ProgramRunner.RunProcess(input, "translate", "--run", run.RunPath, "--beam", "1");

        Assert.Equal(Program.Success, exitCode);
        string[] lines = output.Split('\n');
        Assert.Equal(5, lines.Length);                 // four lines and the final newline
        Assert.Equal("", lines[1]);                   // an empty line stays empty
        Assert.Equal("", lines[4]);
        Assert.Equal("warning: input longer than 30 subword pieces is cut to that length", error.TrimEnd());
    }

    [Fact]
    public void GreedyAndBeamTranslationsOfTheSameSessionAgreeWithEvaluate()
    {
        var folder = RunDirectory.Open(run.RunPath);
        var greedy = TranslationSession.Open(folder, "rnn", 1, 1, TextWriter.Null);
        var output = new StringWriter();

        greedy.TranslateStream(new StringReader("two two.\nfive six seven.\n"), output, attention: null);

        Assert.Equal(greedy.Translate(["two two.", "five six seven."]), output.ToString().Split('\n')[..2]);
    }

    [Fact]
    public void TenThousandRandomUnicodeLinesNeverCrashTranslate()
    {
        var random = new Random(5);
        var lines = Enumerable.Range(0, 10_000).Select(i => RandomLine(random, i)).ToList();
        var input = string.Concat(lines.Select(l => l + "\n"));

        var (exitCode, output, error) = ProgramRunner.RunProcess(input, "translate", "--run", run.RunPath, "--beam", "2");

        Assert.True(exitCode == Program.Success, error);
        Assert.Equal(10_000, output.Split('\n').Length - 1);
        Assert.DoesNotContain("error", error);
    }

    [Fact]
    public void ARunFolderWithoutAModelIsAOneLineError()
    {
        using var folder = new TemporaryDirectory();
        var (exitCode, _, error) = ProgramRunner.Run("translate", "--run", folder.Path);

        Assert.Equal(Program.UserError, exitCode);
        Assert.Equal($"error: {folder.Path}: not a run folder (no config.json)", error.TrimEnd());
    }

    /// <summary>Empty lines, very long lines, control characters, emoji, mixed scripts and unpaired surrogates.</summary>
    private static string RandomLine(Random random, int index)
    {
        if (index % 97 == 0)
            return "";
        int length = index % 1000 == 1 ? 10_000 : random.Next(1, 40);
        var text = new StringBuilder();
        while (text.Length < length)
        {
            int codePoint = random.Next(6) switch
            {
                0 => random.Next(0x20, 0x7F),            // ASCII
                1 => random.Next(0x00, 0x20),            // control characters
                2 => random.Next(0x4E00, 0x9FFF),        // CJK
                3 => random.Next(0x1F300, 0x1FAFF),      // emoji
                4 => random.Next(0x0400, 0x06FF),        // Cyrillic, Armenian, Hebrew, Arabic
                _ => random.Next(0x00A0, 0xFFFF),        // anything in the basic plane
            };
            if (codePoint is '\n' or '\r' || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
                codePoint = 0xFFFD;
            text.Append(char.ConvertFromUtf32(codePoint));
        }
        return text.ToString();
    }
}
