using FaceKdGrid.Distillation.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Training;

/// <summary>Random crops whose label is encoded in a bright patch position, so a linear model can learn it.</summary>
internal static class ToyData
{
    public static FaceSet Create(int count, int size, int classes, long seed)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var labels = torch.randint(classes, [count], generator: generator, dtype: ScalarType.Int64);
        var images = torch.randint(0, 100, [count, 3, size, size], generator: generator, dtype: ScalarType.Int64);
        for (var c = 0; c < classes; c++)
        {
            var rows = labels.eq(c).nonzero().squeeze(1);
            images.index_put_(torch.tensor(255L), [rows, torch.tensor(0L), torch.tensor((long)(c % size))]);
        }
        return new FaceSet(images.to(ScalarType.Byte).MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
