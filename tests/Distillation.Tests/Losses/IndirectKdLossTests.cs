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
    public void MatchesTheScaledSoftenedKlDivergenceWorkedByHand()
    {
        using var prototypes = torch.eye(2);
        using var loss = new IndirectKdLoss(prototypes, scale: 4, temperature: 2);
        using var teacher = torch.tensor(new float[] { 1, 0 }).reshape(1, 2);
        using var student = torch.tensor(new float[] { 0, 1 }).reshape(1, 2);

        using var value = loss.call(student, teacher);

        // Cosines (1, 0) and (0, 1); logits s cos = (4, 0) and (0, 4); softened by T = 2: (2, 0) and (0, 2).
        // p = (e^2/(e^2+1), 1/(e^2+1)) = (0.88080, 0.11920), q reversed; KL(p || q) = 0.88080 x 2 + 0.11920 x (-2) = 1.52319.
        // x T^2 = 4: 6.09275.
        Assert.Equal(6.09275, value.item<float>(), 4);
    }

    [Fact]
    public void NormalisesEmbeddingsAndPrototypesScalesByTSquaredAndAveragesOverTheBatch()
    {
        // Prototype rows of any length: they are normalised to the identity.
        using var prototypes = torch.tensor(new float[] { 2, 0, 0, 5 }).reshape(2, 2);
        using var loss = new IndirectKdLoss(prototypes, scale: 2, temperature: 2);
        using var teacher = torch.tensor(new float[] { 1, 0, 2, 2 }).reshape(2, 2);
        using var student = torch.tensor(new float[] { 0, 3, 1, 1 }).reshape(2, 2).requires_grad_();

        using var value = loss.call(student, teacher);
        value.backward();

        // Row 1 at s / T = 1: teacher logits (1, 0), student (0, 1): p = (0.73106, 0.26894), q reversed;
        // KL = (0.73106 - 0.26894) x 1 = 0.46212; x T^2 = 1.84847. Row 2: same direction, KL 0. Batch mean 0.92423.
        Assert.Equal(0.92423, value.item<float>(), 4);
        Assert.NotNull(student.grad);
        Assert.Equal(2, loss.PrototypeCount);
        Assert.Contains(loss.named_buffers(), named => named.name == "prototypes");
    }

    [Fact]
    public void TheGradientReachesTheStudentOnly()
    {
        using var prototypes = torch.randn(6, 4);
        using var loss = new IndirectKdLoss(prototypes, scale: 64, temperature: 4);
        using var teacher = torch.randn(3, 4).requires_grad_();
        using var student = torch.randn(3, 4).requires_grad_();

        using var value = loss.call(student, teacher);
        value.backward();

        Assert.NotNull(student.grad);
        Assert.True(student.grad.abs().sum().item<float>() > 0, "the student's gradient is zero");
        Assert.Null(teacher.grad);
        Assert.Null(prototypes.grad);
    }

    [Fact]
    public void IsZeroWhenTheStudentPointsWhereTheTeacherDoes()
    {
        using var prototypes = torch.randn(5, 3);
        using var loss = new IndirectKdLoss(prototypes, scale: 64, temperature: 0.5);
        using var teacher = torch.randn(4, 3);
        using var student = teacher.mul(3);

        using var value = loss.call(student, teacher);

        Assert.Equal(0, value.item<float>(), 4);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        using var prototypes = torch.eye(2);
        using var vector = torch.ones(2);
        using var loss = new IndirectKdLoss(prototypes, 64, 1);
        using var wide = torch.zeros(1, 3);

        Assert.Equal("temperature", Assert.Throws<ArgumentOutOfRangeException>(() => new IndirectKdLoss(prototypes, 64, 0)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => new IndirectKdLoss(prototypes, 0, 1)).ParamName);
        Assert.Equal("prototypes", Assert.Throws<ArgumentException>(() => new IndirectKdLoss(vector, 64, 1)).ParamName);
        Assert.Equal("student", Assert.Throws<ArgumentException>(() => loss.call(wide, wide)).ParamName);
    }
}
