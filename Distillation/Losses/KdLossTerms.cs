using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Losses;

/// <summary>
/// One evaluation of a <see cref="KdObjective"/>: the scalar to back-propagate (weights applied) and the unweighted
/// terms it is made of, for logging (null when the objective has no such term).
/// </summary>
public sealed record KdLossTerms(Tensor Total, Tensor? Feature, Tensor? Indirect, Tensor? Contrastive);
