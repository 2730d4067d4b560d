namespace FaceKdGrid.Client.Output;

public enum ResultsFormat
{
    Table,
    Csv,
    Json,
    Md,
}
