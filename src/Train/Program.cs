using System.CommandLine;
using System.Globalization;
using Seq2Seq.Data;
using Seq2Seq.Train.Commands;

namespace Seq2Seq.Train;

/// <summary>
/// The command line. Exit codes: 0 success, 1 an error the user can fix (one line on stderr), 2 an internal error,
/// 130 interrupted by Ctrl-C (after writing a checkpoint).
/// </summary>
public static class Program
{
    public const int Success = 0;
    public const int UserError = 1;
    public const int InternalError = 2;
    public const int Interrupted = 130;

    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var parsed = BuildRoot().Parse(args);
            if (parsed.Errors.Count > 0)
            {
                Console.Error.WriteLine($"error: {parsed.Errors[0].Message} (see --help)");
                return UserError;
            }
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException e)
        {
            Console.Error.WriteLine(e.Message);
            return Interrupted;
        }
        catch (Exception e) when (FindUserException(e) is { } user)
        {
            Console.Error.WriteLine($"error: {user.Message}");
            return UserError;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"internal error: {e}");
            return InternalError;
        }
    }

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Train neural machine translation models and see what their attention learned.");
        TrainCommand.Configure(root);
        root.Subcommands.Add(AlignCommand.Create());
        root.Subcommands.Add(AttentionDemoCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(PrepareCommand.Create());
        root.Subcommands.Add(TranslateCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        return root;
    }

    private static UserException? FindUserException(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is UserException user)
                return user;
        return null;
    }
}
