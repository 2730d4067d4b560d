namespace FaceKdGrid.Bench;

/// <summary>One throughput measurement: <see cref="Steps"/> batches of <see cref="Batch"/> images in <see cref="Seconds"/>.</summary>
internal sealed record StepRate(int Steps, int Batch, double Seconds)
{
    public double ImagesPerSecond => Steps * (double)Batch / Seconds;
}
