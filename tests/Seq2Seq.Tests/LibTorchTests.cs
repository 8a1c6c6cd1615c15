using static TorchSharp.torch;

namespace Seq2Seq.Tests;

public sealed class LibTorchTests
{
    [Fact]
    public void MatrixProductRunsInLibTorch()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        var b = tensor(new float[,] { { 5, 6 }, { 7, 8 } });

        var product = a.matmul(b);

        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.data<float>().ToArray());
    }
}
