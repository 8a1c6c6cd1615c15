namespace Seq2Seq.Tests.Data;

/// <summary>Small built-in sentences, and the repository's sample corpus when it is there.</summary>
internal static class TestCorpora
{
    /// <summary>English–French pairs with accents, elision, « », apostrophes, digits and punctuation.</summary>
    public static readonly (string English, string French)[] EnglishFrench =
    [
        ("The man sees the hotel.", "L'homme voit l'hôtel."),
        ("It's 7:30, isn't it?", "Il est 7 h 30, n'est-ce pas ?"),
        ("She said: \"Hello!\"", "Elle a dit : « Bonjour ! »"),
        ("Until the summer, he ate pancakes.", "Jusqu'à l'été, il mangeait des crêpes."),
        ("I think that he is coming today.", "Je pense qu'il vient aujourd'hui."),
        ("Maybe the girl's dog is sleeping.", "Peut-être que le chien de la fille dort."),
        ("The women are waiting at the station.", "Les femmes attendent à la gare."),
        ("When he arrived, everyone had left.", "Lorsqu'il est arrivé, tout le monde était parti."),
        ("A child plays with a red ball.", "Un enfant joue avec un ballon rouge."),
        ("Two dogs run on the green grass.", "Deux chiens courent sur l'herbe verte."),
        ("Where is the bakery? It's closed.", "Où est la boulangerie ? Elle est fermée."),
        ("He doesn't know what she wants.", "Il ne sait pas ce qu'elle veut."),
    ];

    public static readonly string[] Chinese = ["我爱你。", "今天天气很好！", "他在北京工作，她在上海。"];

    public static readonly string[] Emoji = ["I love pizza 🍕 and 😀!", "Bravo 👏🏽 à tous"];

    /// <summary>The TSV files of data/sample-parallel, if the repository has them.</summary>
    public static IReadOnlyList<string> SampleTsvFiles()
    {
        string folder = TestFiles.Repository("data", "sample-parallel");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "*.tsv").Order(StringComparer.Ordinal)] : [];
    }
}
