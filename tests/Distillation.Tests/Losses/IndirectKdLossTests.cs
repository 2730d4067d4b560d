using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Losses;

public sealed class IndirectKdLossTests
{
    public IndirectKdLossTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public void MatchesTheKlDivergenceWorkedByHand()
    {
        using var prototypes = torch.eye(2);
        using var loss = new IndirectKdLoss(prototypes, temperature: 1);
        using var teacher = torch.tensor(new float[] { 1, 0 }).reshape(1, 2);
        using var student = torch.tensor(new float[] { 0, 1 }).reshape(1, 2);

        using var value = loss.call(student, teacher);

        // Teacher logits (1, 0): p = (e/(e+1), 1/(e+1)) = (0.73106, 0.26894); student logits (0, 1): q = (0.26894, 0.73106).
        // KL(p || q) = 0.73106 ln(0.73106/0.26894) + 0.26894 ln(0.26894/0.73106) = (0.73106 - 0.26894) x 1 = 0.46212.
        Assert.Equal(0.46212, value.item<float>(), 4);
    }

    [Fact]
    public void NormalisesEmbeddingsAndPrototypesScalesByTauSquaredAndAveragesOverTheBatch()
    {
        // Prototype rows of any length: they are normalised to the identity.
        using var prototypes = torch.tensor(new float[] { 2, 0, 0, 5 }).reshape(2, 2);
        using var loss = new IndirectKdLoss(prototypes, temperature: 2);
        using var teacher = torch.tensor(new float[] { 1, 0, 2, 2 }).reshape(2, 2);
        using var student = torch.tensor(new float[] { 0, 3, 1, 1 }).reshape(2, 2).requires_grad_();

        using var value = loss.call(student, teacher);
        value.backward();

        // Row 1 at tau = 2: teacher logits (0.5, 0), student (0, 0.5): p = (0.62246, 0.37754), q reversed;
        // KL = (0.62246 - 0.37754) x 0.5 = 0.12246; x tau^2 = 0.48984. Row 2: same direction, KL 0. Batch mean 0.24492.
        Assert.Equal(0.24492, value.item<float>(), 4);
        Assert.NotNull(student.grad);
        Assert.Equal(2, loss.PrototypeCount);
        Assert.Contains(loss.named_buffers(), named => named.name == "prototypes");
    }

    [Fact]
    public void IsZeroWhenTheStudentPointsWhereTheTeacherDoes()
    {
        using var prototypes = torch.randn(5, 3);
        using var loss = new IndirectKdLoss(prototypes, temperature: 0.5);
        using var teacher = torch.randn(4, 3);
        using var student = teacher.mul(3);

        using var value = loss.call(student, teacher);

        Assert.Equal(0, value.item<float>(), 5);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        using var prototypes = torch.eye(2);
        using var vector = torch.ones(2);
        using var loss = new IndirectKdLoss(prototypes, 1);
        using var wide = torch.zeros(1, 3);

        Assert.Equal("temperature", Assert.Throws<ArgumentOutOfRangeException>(() => new IndirectKdLoss(prototypes, 0)).ParamName);
        Assert.Equal("prototypes", Assert.Throws<ArgumentException>(() => new IndirectKdLoss(vector, 1)).ParamName);
        Assert.Equal("student", Assert.Throws<ArgumentException>(() => loss.call(wide, wide)).ParamName);
    }
}
