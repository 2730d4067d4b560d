using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// A face-recognition backbone: maps normalised aligned crops [B, 3, S, S] (see <see cref="Data.FaceTensors"/>)
/// to embeddings [B, EmbeddingSize] (not L2-normalised; callers normalise where the loss or metric needs it).
/// </summary>
public abstract class FaceEmbedder : nn.Module<Tensor, Tensor>
{
    protected FaceEmbedder(string name) : base(name)
    {
    }

    public abstract int EmbeddingSize { get; }

    public abstract int InputSize { get; }

    /// <summary>True when the network resizes any square input to <see cref="InputSize"/> itself.</summary>
    public virtual bool AcceptsAnyInputSize => false;
}
