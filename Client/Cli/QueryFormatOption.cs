using System.CommandLine;

namespace FaceKdGrid.Client.Cli;

/// <summary>
/// The --format of the commands that show what the cluster holds (sweep status and list, trial show, cluster
/// status): a table to read, or one JSON document on standard output for scripts.
/// </summary>
public sealed class QueryFormatOption
{
    private const string Json = "json";

    public Option<string> Option { get; } = new Option<string>("--format")
    {
        Description = "table, or json (one document on standard output)",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", Json);

    public bool IsJson(ParseResult parseResult) => parseResult.GetValue(Option) == Json;
}
