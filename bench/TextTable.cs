namespace FaceKdGrid.Bench;

/// <summary>A table printed as Markdown, so results paste into bench/README.md unchanged.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row needs {headers.Length} cells; got {cells.Length}", nameof(cells));
        }
        rows.Add(cells);
    }

    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((header, column) => rows.Select(row => row[column].Length).Prepend(header.Length).Max()).ToArray();
        string Line(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select((cell, column) => cell.PadRight(widths[column]))) + " |";
        writer.WriteLine(Line(headers));
        writer.WriteLine(Line(widths.Select(width => new string('-', width))));
        foreach (var row in rows)
        {
            writer.WriteLine(Line(row));
        }
    }
}
