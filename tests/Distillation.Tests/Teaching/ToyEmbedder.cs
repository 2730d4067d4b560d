using FaceKdGrid.Distillation.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Teaching;

/// <summary>A linear embedder: enough to check plumbing around teachers without a real backbone.</summary>
internal sealed class ToyEmbedder : FaceEmbedder
{
    private readonly nn.Module<Tensor, Tensor> flatten;
    private readonly nn.Module<Tensor, Tensor> fc;

    public ToyEmbedder(int inputSize, int embeddingSize, long seed) : base(nameof(ToyEmbedder))
    {
        InputSize = inputSize;
        EmbeddingSize = embeddingSize;
        flatten = nn.Flatten();
        var linear = nn.Linear(3L * inputSize * inputSize, embeddingSize);
        using var generator = new Generator((ulong)seed);
        WeightInitialisation.TorchDefault(linear.weight, linear.bias, generator);
        fc = linear;
        RegisterComponents();
    }

    public override int EmbeddingSize { get; }

    public override int InputSize { get; }

    public override Tensor forward(Tensor input) => fc.call(flatten.call(input));
}
