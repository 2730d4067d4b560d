namespace FaceKdGrid.Bench;

/// <summary>One throughput measurement: <see cref="Steps"/> batches of <see cref="Batch"/> images in <see cref="Time"/>.</summary>
internal sealed record StepRate(int Steps, int Batch, Timing Time)
{
    public double ImagesPerSecond => Steps * (double)Batch / Time.Seconds;

    public double ImagesPerCpuSecond => Steps * (double)Batch / Time.CpuSeconds;
}
