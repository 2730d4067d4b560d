using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Training;

/// <summary>A scalar loss to minimise and the named scalar components it was made of (for logging).</summary>
public sealed record LossTerms(Tensor Total, IReadOnlyDictionary<string, Tensor> Components)
{
    public static LossTerms Single(string name, Tensor loss) => new(loss, new Dictionary<string, Tensor> { [name] = loss });
}
