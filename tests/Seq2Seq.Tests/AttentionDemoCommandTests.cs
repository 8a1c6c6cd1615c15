using Seq2Seq.Train.Commands;

namespace Seq2Seq.Tests;

public sealed class AttentionDemoCommandTests
{
    [Fact]
    public void PrintsTheTrueWeightsAndOutputsOfBothExamples()
    {
        var output = new StringWriter();

        AttentionDemoCommand.Run(output);

        string text = output.ToString();
        Assert.Contains("[   0.4223,   0.1554,   0.4223 ]", text);
        Assert.Contains("[   0.2119,   0.2119,   0.5761 ]", text);
        Assert.Contains("[   23.092,   29.291,   35.490,   41.689 ]", text);
        Assert.Contains("[   0.0900,   0.2447,   0.6652 ]", text);   // 我 attends mostly to 你: softmax([1,2,3])
        Assert.Contains("[   0.0024,   0.0473,   0.9503 ]", text);   // softmax([3,6,9])
        Assert.DoesNotContain("0.3199", text);
    }
}
