using Seq2Seq.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>
/// The position-wise feed-forward network, Vaswani et al. 2017, §3.3: <c>FFN(x) = max(0, x·W₁ + b₁)·W₂ + b₂</c>,
/// applied to each position separately, with dropout on the hidden layer as in PyTorch's transformer layers.
/// </summary>
public sealed class PositionwiseFeedForward : nn.Module
{
    private readonly Linear inner;
    private readonly Linear outer;
    private readonly FastDropout dropout;

    /// <param name="name">the module name</param>
    /// <param name="modelSize">d_model</param>
    /// <param name="hiddenSize">d_ff</param>
    /// <param name="dropout">dropout on the hidden layer</param>
    public PositionwiseFeedForward(string name, int modelSize, int hiddenSize, double dropout) : base(name)
    {
        inner = nn.Linear(modelSize, hiddenSize);
        outer = nn.Linear(hiddenSize, modelSize);
        this.dropout = new FastDropout(dropout);
        // Xavier-uniform weights like PyTorch's nn.Transformer; the biases keep nn.Linear's initialisation.
        using (no_grad())
        {
            nn.init.xavier_uniform_(inner.weight!);
            nn.init.xavier_uniform_(outer.weight!);
        }
        RegisterComponents();
    }

    /// <param name="x">[tokens, d]</param>
    /// <returns>[tokens, d]</returns>
    public Tensor forward(Tensor x)
    {
        var hidden = nn.functional.relu(inner.call(x));   // [tokens, dFF]
        return outer.call(dropout.call(hidden));          // [tokens, d]
    }
}
