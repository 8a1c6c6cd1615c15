using System.CommandLine;
using Seq2Seq.Data;
using Seq2Seq.Train.Experiments;
using Seq2Seq.Train.Runs;
using Seq2Seq.Train.Translation;

namespace Seq2Seq.Train.Commands;

/// <summary>
/// <c>translate</c>: translates with a trained model of a run. With a terminal on stdin it is an interactive prompt
/// (an empty line or Ctrl-D ends it); with piped input it writes exactly one translation per input line to stdout
/// and nothing else (warnings go to stderr).
/// </summary>
public static class TranslateCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "the run folder", Required = true };
        var model = new Option<string?>("--model") { Description = "which model of the run (default: the first one trained)" };
        var beam = new Option<int?>("--beam") { Description = "beam size (1 = greedy; default: the run's evaluation beam)" };
        var showAttention = new Option<bool>("--show-attention") { Description = "print which source words each target word attends to" };
        var threads = new Option<int>("--threads") { Description = "CPU threads", DefaultValueFactory = _ => 1 };
        var command = new Command("translate", "Translate sentences with a trained model: interactively, or one line per input line from a pipe.")
        {
            run, model, beam, showAttention, threads,
        };
        command.SetAction(parse =>
        {
            var session = TranslationSession.Open(RunDirectory.Open(parse.GetValue(run)!), parse.GetValue(model),
                parse.GetValue(beam), parse.GetValue(threads), Console.Error);
            if (Console.IsInputRedirected)
                session.TranslateStream(Console.In, Console.Out, parse.GetValue(showAttention) ? Console.Error : null);
            else
                session.Interactive(Console.In, Console.Out, parse.GetValue(showAttention));
            return Program.Success;
        });
        return command;
    }
}
