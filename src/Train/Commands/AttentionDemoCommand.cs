using System.CommandLine;
using Seq2Seq.Attention;
using static TorchSharp.torch;

namespace Seq2Seq.Train.Commands;

/// <summary>
/// <c>attention-demo</c>: scaled dot-product attention worked by hand on two small inputs, printed in full.
/// </summary>
public static class AttentionDemoCommand
{
    public static Command Create()
    {
        var command = new Command("attention-demo", "Print scaled dot-product attention worked out on two small examples.");
        command.SetAction(_ =>
        {
            Run(Console.Out);
            return Program.Success;
        });
        return command;
    }

    public static void Run(TextWriter output)
    {
        using var scope = NewDisposeScope();

        output.WriteLine("Example 1: Q = K = [[1,0,1,0],[0,1,0,1],[1,1,1,1]], V = [[1,2,3,4],[10,20,30,40],[50,60,70,80]], d_k = 4");
        var qk = tensor(new float[,] { { 1, 0, 1, 0 }, { 0, 1, 0, 1 }, { 1, 1, 1, 1 } });
        var v = tensor(new float[,] { { 1, 2, 3, 4 }, { 10, 20, 30, 40 }, { 50, 60, 70, 80 } });
        Print(output, qk, qk, v);

        output.WriteLine();
        output.WriteLine("Example 2: the tokens 我 / 爱 / 你 with d_model = 1 and inputs [1], [2], [3]; Q = K = V = x, d_k = 1");
        var x = tensor(new float[,] { { 1 }, { 2 }, { 3 } });
        Print(output, x, x, x);
    }

    private static void Print(TextWriter output, Tensor q, Tensor k, Tensor v)
    {
        var (result, weights) = ScaledDotProductAttention.Compute(q, k, v);
        output.WriteLine("weights = softmax(QKᵀ/√d_k)   (each row sums to 1)");
        WriteMatrix(output, weights, "F4");
        output.WriteLine("output = weights · V");
        WriteMatrix(output, result, "F3");
    }

    private static void WriteMatrix(TextWriter output, Tensor matrix, string format)
    {
        var rows = matrix.data<float>().ToArray();
        long columns = matrix.shape[1];
        for (long r = 0; r < matrix.shape[0]; r++)
        {
            var cells = Enumerable.Range(0, (int)columns).Select(c => rows[r * columns + c].ToString(format).PadLeft(9));
            output.WriteLine($"  [{string.Join(",", cells)} ]");
        }
    }
}
