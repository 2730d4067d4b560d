namespace FaceKdGrid.Distillation.Evaluation;

/// <summary>How alike two embedders see the same faces (see <see cref="EmbeddingAgreement"/>).</summary>
/// <param name="FaceCount">The number of faces compared.</param>
/// <param name="SimilarityCorrelation">Pearson correlation of the two pairwise cosine-similarity matrices (upper triangles); NaN when either is constant.</param>
/// <param name="NeighbourAgreement">Fraction of faces whose most similar other face is the same under both embedders.</param>
public sealed record EmbeddingAgreementResult(int FaceCount, double SimilarityCorrelation, double NeighbourAgreement);
