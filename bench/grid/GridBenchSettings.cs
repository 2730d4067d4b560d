namespace FaceKdGrid.Bench.Grid;

/// <summary>One benchmark sweep: how many no-op trials, on how many slots, how long each, with how many epochs, under ASHA or FIFO.</summary>
internal sealed record GridBenchSettings(int Trials, int Slots, TimeSpan Duration, int Epochs, bool Asha)
{
    public TimeSpan EpochDuration => Duration / Epochs;

    public string? Problem =>
        Trials < 1 || Slots < 1 || Epochs < 1 ? "--trials, --slots and --epochs must be at least 1"
        : Duration <= TimeSpan.Zero ? "--seconds must be positive"
        : Asha && Epochs < 2 ? "--asha needs --epochs of at least 2"
        : null;
}
