using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Attention;

/// <summary>
/// Multi-head attention, Vaswani et al. 2017, §3.2.2:
/// <c>MultiHead(Q, K, V) = Concat(head₁, …, head_h)·W^O</c> with <c>headᵢ = Attention(Q·W^Q_i, K·W^K_i, V·W^V_i)</c>.
/// <para>
/// The query, key and value projections of all heads are the rows of one [3·d, d] matrix (PyTorch's
/// <c>in_proj_weight</c> layout): self-attention projects its input with one d→3d matrix product; cross-attention
/// projects the decoder states with the first d rows and the encoder memory with the last 2·d rows (one d→2d
/// product), so the memory's keys and values can be computed once per sentence and reused at every decoding step.
/// </para>
/// <para>
/// Inputs and outputs are tokens packed by a <see cref="TokenLayout"/>, [tokens, d]: the projections skip padding
/// positions; only the attention itself runs on the padded [batch, heads, len, headSize] grid.
/// </para>
/// <para>
/// <see cref="Attend"/> keeps every head's weights [batch, heads, tgtLen, srcLen] when asked for them, through
/// <see cref="ScaledDotProductAttention.Compute(Tensor, Tensor, Tensor, Tensor?)"/>; otherwise it calls LibTorch's
/// fused kernel, which returns no weights. Two cases take the explicit path because it is faster there (measured on
/// a 2-core CPU): a single query (an incremental decoding step), and training with attention dropout, where the
/// fused kernel falls back to unfused code and draws its mask from LibTorch's slow random generator.
/// </para>
/// </summary>
public sealed class MultiHeadAttention : nn.Module
{
    private readonly Linear inProjection;
    private readonly Linear outProjection;
    private readonly nn.Module<Tensor, Tensor>? weightDropout;

    /// <param name="name">the module name</param>
    /// <param name="modelSize">d_model, divisible by <paramref name="heads"/></param>
    /// <param name="heads">the number of heads h; each head has d_model / h dimensions</param>
    /// <param name="weightDropout">dropout on the attention weights (active in training mode), or null for none</param>
    public MultiHeadAttention(string name, int modelSize, int heads, nn.Module<Tensor, Tensor>? weightDropout)
        : base(name)
    {
        if (modelSize <= 0 || heads <= 0 || modelSize % heads != 0)
            throw new ArgumentException($"The model size {modelSize} must be a positive multiple of the {heads} heads.");
        ModelSize = modelSize;
        Heads = heads;
        HeadSize = modelSize / heads;
        this.weightDropout = weightDropout;
        inProjection = nn.Linear(modelSize, 3L * modelSize);
        outProjection = nn.Linear(modelSize, modelSize);
        // Initialised like PyTorch's nn.Transformer: Xavier-uniform weights, zero biases.
        using (no_grad())
        {
            nn.init.xavier_uniform_(inProjection.weight!);
            nn.init.xavier_uniform_(outProjection.weight!);
            inProjection.bias!.zero_();
            outProjection.bias!.zero_();
        }
        RegisterComponents();
    }

    public int ModelSize { get; }

    public int Heads { get; }

    /// <summary>d_k = d_v = d_model / h.</summary>
    public int HeadSize { get; }

    /// <summary>Projects the input of self-attention to queries, keys and values (one fused matrix product).</summary>
    /// <param name="x">the tokens [tokens, d]</param>
    /// <param name="layout">where the tokens sit in the padded batch</param>
    /// <returns>queries, keys and values, each [batch, heads, len, headSize], zero at padding positions</returns>
    public (Tensor Queries, Tensor Keys, Tensor Values) ProjectSelf(Tensor x, TokenLayout layout)
    {
        var qkv = layout.Unpack(inProjection.call(x))                // [batch, len, 3d]
            .view(layout.Batch, layout.Length, 3, Heads, HeadSize)
            .permute(2, 0, 3, 1, 4);                                 // [3, batch, heads, len, headSize]
        var parts = qkv.unbind(0);
        return (parts[0], parts[1], parts[2]);
    }

    /// <summary>Projects decoder states to the queries of cross-attention.</summary>
    /// <param name="x">the tokens [tokens, d]</param>
    /// <param name="layout">where the tokens sit in the padded batch</param>
    /// <returns>[batch, heads, len, headSize]</returns>
    public Tensor ProjectQueries(Tensor x, TokenLayout layout)
    {
        var weight = inProjection.weight!.narrow(0, 0, ModelSize);   // [d, d]
        var bias = inProjection.bias!.narrow(0, 0, ModelSize);       // [d]
        return layout.Unpack(nn.functional.linear(x, weight, bias))  // [batch, len, d]
            .view(layout.Batch, layout.Length, Heads, HeadSize)
            .transpose(1, 2);                                        // [batch, heads, len, headSize]
    }

    /// <summary>Projects the encoder memory to the keys and values of cross-attention (one fused product).</summary>
    /// <param name="memory">the source tokens [srcTokens, d]</param>
    /// <param name="layout">where the source tokens sit in the padded batch</param>
    /// <returns>keys and values, each [batch, heads, srcLen, headSize]</returns>
    public (Tensor Keys, Tensor Values) ProjectKeysValues(Tensor memory, TokenLayout layout)
    {
        var weight = inProjection.weight!.narrow(0, ModelSize, 2L * ModelSize); // [2d, d]
        var bias = inProjection.bias!.narrow(0, ModelSize, 2L * ModelSize);     // [2d]
        var kv = layout.Unpack(nn.functional.linear(memory, weight, bias))      // [batch, srcLen, 2d]
            .view(layout.Batch, layout.Length, 2, Heads, HeadSize)
            .permute(2, 0, 3, 1, 4);                                            // [2, batch, heads, srcLen, headSize]
        var parts = kv.unbind(0);
        return (parts[0], parts[1]);
    }

    /// <summary>Attends, concatenates the heads and applies the output projection W^O to the query tokens.</summary>
    /// <param name="queries">[batch, heads, tgtLen, headSize]</param>
    /// <param name="keys">[batch, heads, srcLen, headSize]</param>
    /// <param name="values">[batch, heads, srcLen, headSize]</param>
    /// <param name="mask">additive mask broadcastable to [batch, heads, tgtLen, srcLen] (0 = attend, −∞ = not), or
    /// null</param>
    /// <param name="causal">whether query i may attend keys 0…i only (tgtLen = srcLen); exclusive with
    /// <paramref name="mask"/></param>
    /// <param name="withWeights">whether to return the attention weights (uses the explicit computation)</param>
    /// <param name="layout">where the query tokens sit in the padded batch</param>
    /// <returns>the output for the query tokens [tokens, d] and, if asked for, the weights
    /// [batch, heads, tgtLen, srcLen]: each row sums to 1 and is exactly 0 where the mask is −∞</returns>
    public (Tensor Output, Tensor? Weights) Attend(Tensor queries, Tensor keys, Tensor values, Tensor? mask,
        bool causal, bool withWeights, TokenLayout layout)
    {
        if (causal && mask is not null)
            throw new ArgumentException("A causal attention takes no other mask.", nameof(mask));
        var (batch, length) = (queries.shape[0], queries.shape[2]);
        var dropout = training ? weightDropout : null;

        Tensor context;                                                  // [batch, heads, tgtLen, headSize]
        Tensor? weights = null;                                          // [batch, heads, tgtLen, srcLen]
        if (withWeights || length == 1 || dropout is not null)
        {
            var additive = causal ? CausalMask.Create(length, queries.device) : mask;
            (context, weights) = dropout is null
                ? ScaledDotProductAttention.Compute(queries, keys, values, additive)
                : ScaledDotProductAttention.Compute(queries, keys, values, additive, dropout.call);
        }
        else
        {
            context = nn.functional.scaled_dot_product_attention(queries, keys, values, mask, is_casual: causal);
        }

        var merged = context.transpose(1, 2).reshape(batch, length, ModelSize); // [batch, tgtLen, d]
        return (outProjection.call(layout.Pack(merged)), withWeights ? weights : null); // [tokens, d]
    }
}
