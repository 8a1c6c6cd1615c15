using Seq2Seq.Data;
using Seq2Seq.Decoding;
using Seq2Seq.Models;
using static TorchSharp.torch;

namespace Seq2Seq.Train.Translation;

/// <summary>
/// Translates sentences with a trained model: encodes them with the source codec, decodes in batches of similar
/// length (<see cref="LengthSortedChunks"/>; greedy for a beam of 1, beam search otherwise) and turns the best
/// hypotheses back into text.
/// </summary>
public sealed class Translator(Seq2SeqModel model, SentenceCodecs codecs, DecodingOptions options, int beamSize,
    int batchSentences = 64)
{
    public SentenceCodecs Codecs => codecs;

    /// <summary>Best hypothesis per source (ids without specials), in input order.</summary>
    public IReadOnlyList<Hypothesis> TranslateIds(IReadOnlyList<int[]> sourceIds)
    {
        model.eval();
        var results = new Hypothesis[sourceIds.Count];
        foreach (var chunk in LengthSortedChunks.Of(sourceIds.Select(s => s.Length).ToArray(), batchSentences))
        {
            using var scope = NewDisposeScope();
            var targets = chunk.Select(_ => Array.Empty<int>()).ToArray();
            using var batch = BatchBuilder.Build(Enumerable.Range(0, chunk.Length).ToArray(),
                chunk.Select(i => sourceIds[i]).ToArray(), targets);
            var best = beamSize == 1
                ? GreedySearch.Decode(model, batch.Source, batch.SourceLengths, options)
                : BeamSearch.Decode(model, batch.Source, batch.SourceLengths, beamSize, options).Select(n => n[0]).ToList();
            for (int row = 0; row < chunk.Length; row++)
                results[chunk[row]] = best[row];
        }
        return results;
    }

    /// <summary>The translations of <paramref name="sources"/>, in order.</summary>
    public IReadOnlyList<string> Translate(IReadOnlyList<string> sources) =>
        TranslateIds(sources.Select(codecs.Source.Encode).ToArray())
            .Select(h => codecs.Target.Decode(h.Tokens)).ToList();
}
