using Seq2Seq.Data;
using Seq2Seq.Rnn;
using Seq2Seq.Train;
using Seq2Seq.Train.Configuration;
using Seq2Seq.Train.Models;
using Seq2Seq.Train.Training;
using Seq2Seq.Transformer;

namespace Seq2Seq.Tests.Configuration;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("base.json")]
    [InlineData("rnn.json")]
    [InlineData("transformer.json")]
    [InlineData("multi30k-en-fr.json")]
    [InlineData("example.json")]
    public void ShippedConfigurationsBindAndValidate(string name)
    {
        var config = JsonConfig.Read<ExperimentConfig>(TestFiles.Repository("configs", name))
            .ResolvePaths(TestFiles.Repository("configs"));

        config.Validate();
        Assert.NotEmpty(config.Models);
    }

    [Fact]
    public void TheSampleCorpusConfigurationsPointAtFilesThatExist()
    {
        foreach (string name in new[] { "base.json", "rnn.json", "transformer.json" })
        {
            var config = ConfigLocator.Load(TestFiles.Repository("configs", name));
            foreach (string? path in new[] { config.Data.Train.Tsv, config.Data.Dev?.Tsv, config.Data.Test?.Tsv,
                         config.Alignment?.TestGold, config.Alignment?.DevGold })
                Assert.True(path is not null && File.Exists(path), $"{name}: {path} does not exist");
        }
    }

    [Fact]
    public void TheExampleConfigurationDocumentsTheTrueDefaults()
    {
        var example = JsonConfig.Read<ExperimentConfig>(TestFiles.Repository("configs", "example.json"));
        var defaults = JsonConfig.Deserialize<ExperimentConfig>("""{ "data": { "train": { "tsv": "x" } }, "models": [] }""")!;

        Assert.Equal((defaults.Seed, defaults.Threads, defaults.Device, defaults.RunsDirectory),
            (example.Seed, example.Threads, example.Device, example.RunsDirectory));
        Assert.Equal(new RnnOptions(), example.Models[0].Rnn);
        Assert.Equal(new TrainingOptions(), example.Models[0].Training);
        Assert.Equal(new TransformerOptions(), example.Models[1].Transformer);
        Assert.Equal(defaults.Evaluation, example.Evaluation);
        var data = example.Data;
        Assert.Equal((DataOptions.DefaultMerges, true, DataOptions.DefaultMinFrequency, DataOptions.DefaultMaxLength, DataOptions.DefaultSplitSeed, 0, 0),
            (data.Merges, data.Joint, data.MinFrequency, data.MaxLength, data.SplitSeed, data.DevSize, data.TestSize));
        Assert.Equal(new AlignmentOptions { TestGold = example.Alignment!.TestGold, DevGold = example.Alignment.DevGold }, example.Alignment);
    }

    [Fact]
    public void AConfigurationIsFoundByNameFromAnotherWorkingDirectory()
    {
        string previous = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(TestFiles.Repository("src", "Data"));
            Assert.Equal(TestFiles.Repository("configs", "base.json"), ConfigLocator.Find("base.json"));
            Assert.Equal(TestFiles.Repository("configs", "rnn.json"), ConfigLocator.Find("rnn"));
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Theory]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [ { "name": "m", "type": "rnn" } ], "epochs": 3 }""",
        "unknown key 'epochs'")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [ { "name": "m", "type": "rnn", "training": { "maxStep": 3 } } ] }""",
        "unknown key 'models[0].training.maxStep'")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [ { "name": "m", "type": "rnn", "rnn": { "hiddenSize": "big" } } ] }""",
        "models[0].rnn.hiddenSize: expected an integer")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [ { "name": "m", "type": "lstm" } ] }""",
        "models[0].type: expected one of \"rnn\", \"transformer\"")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [ { "name": "m", "type": "rnn", "rnn": { "hiddenSize": -4 } } ] }""",
        "models[0].rnn.hiddenSize: expected a positive integer, got -4")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [ { "name": "m", "type": "transformer", "training": { "batchSentences": 0 } } ] }""",
        "models[0].training.batchSentences: expected a positive number, got 0")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [ { "name": "m", "type": "rnn", "training": { "labelSmoothing": 1.5 } } ] }""",
        "models[0].training.labelSmoothing: expected a number in [0, 1), got 1.5")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [ { "name": "m", "type": "rnn" }, { "name": "m", "type": "rnn" } ] }""",
        "models: the name 'm' is used twice")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [] }""", "models: expected at least one model")]
    [InlineData("""{ "models": [ { "name": "m", "type": "rnn" } ] }""", "missing key 'data'")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [ { "name": "m", "type": "rnn" } ], "threads": 0 }""",
        "threads: expected an integer from 1 to 256, got 0")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [ { "name": "m", "type": "rnn" } ], "device": "tpu" }""",
        "device: expected \"cpu\", \"cuda\" or \"cuda:N\", got \"tpu\"")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [ { "name": "m", "type": "rnn" }, """,
        "invalid JSON")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" }, "testSize": 5 }, "models": [ { "name": "m", "type": "rnn" } ], "alignment": { "testGold": "t.align", "devGold": "d.align" } }""",
        "alignment.devGold: needs a dev split (data.dev or data.devSize)")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" }, "devSize": 5 }, "models": [ { "name": "m", "type": "rnn" } ], "alignment": { "testGold": "t.align" } }""",
        "alignment.testGold: needs a test split (data.test or data.testSize)")]
    [InlineData("""{ "data": { "train": { "tsv": "t.tsv" } }, "models": [ { "name": "m", "type": "rnn" } ], "runsDirectory": "" }""",
        "runsDirectory: expected the path of a folder, got \"\"")]
    public void BadConfigurationsFailWithOneLineNamingTheKey(string json, string expected)
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("bad.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<UserException>(() => ConfigLocator.Load(path));

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void AMissingConfigurationIsReportedByName()
    {
        var error = Assert.Throws<UserException>(() => ConfigLocator.Find("no-such-config.json"));

        Assert.Equal("no-such-config.json: config not found (neither a file here nor in a configs/ folder of this or a parent directory)",
            error.Message);
    }
}
