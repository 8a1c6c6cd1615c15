using Seq2Seq.Data;
using Seq2Seq.Rnn;
using Seq2Seq.Train.Training;
using Seq2Seq.Transformer;

namespace Seq2Seq.Train.Models;

/// <summary>The architectures a configuration can name.</summary>
public enum Architecture
{
    /// <summary>BiLSTM encoder, LSTM decoder with Bahdanau attention (<see cref="RnnModel"/>).</summary>
    Rnn,

    /// <summary>Encoder-decoder Transformer (<see cref="TransformerModel"/>).</summary>
    Transformer,
}

/// <summary>One model of an experiment: its name (a folder of the run), architecture, sizes and training.</summary>
public sealed record ModelConfig
{
    /// <summary>A short name, unique within the experiment: letters, digits, '-' and '_'.</summary>
    public required string Name { get; init; }

    public required Architecture Type { get; init; }

    /// <summary>Sizes of an RNN model (defaults when omitted).</summary>
    public RnnOptions? Rnn { get; init; }

    /// <summary>Sizes of a Transformer model (defaults when omitted).</summary>
    public TransformerOptions? Transformer { get; init; }

    public TrainingOptions Training { get; init; } = new();

    /// <summary>Checks the section; <paramref name="key"/> is how it is named in messages, e.g. <c>models[0]</c>.</summary>
    public void Validate(string key)
    {
        if (string.IsNullOrEmpty(Name) || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new UserException($"{key}.name: expected letters, digits, '-' or '_', got '{Name}'");
        if (Type == Architecture.Rnn && Transformer is not null)
            throw new UserException($"{key}.transformer: not allowed for a model of type \"rnn\"");
        if (Type == Architecture.Transformer && Rnn is not null)
            throw new UserException($"{key}.rnn: not allowed for a model of type \"transformer\"");
        (Rnn ?? new RnnOptions()).Validate($"{key}.rnn");
        (Transformer ?? new TransformerOptions()).Validate($"{key}.transformer");
        Training.Validate($"{key}.training");
    }

    /// <summary>Builds the model with freshly initialised weights (seed torch first for reproducibility).</summary>
    public Seq2Seq.Models.Seq2SeqModel CreateModel(int sourceVocabularySize, int targetVocabularySize) => Type switch
    {
        Architecture.Rnn => new RnnModel(Rnn ?? new RnnOptions(), sourceVocabularySize, targetVocabularySize),
        _ => new TransformerModel(Transformer ?? new TransformerOptions(), sourceVocabularySize, targetVocabularySize),
    };
}
