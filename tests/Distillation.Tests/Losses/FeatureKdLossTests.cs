using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Losses;

public sealed class FeatureKdLossTests
{
    public FeatureKdLossTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public void IsTheBatchMeanOfOneMinusCosine()
    {
        using var loss = new FeatureKdLoss();
        using var student = torch.tensor(new float[] { 3, 0, 1, 1 }).reshape(2, 2).requires_grad_();
        using var teacher = torch.tensor(new float[] { 1, 0, 0, 2 }).reshape(2, 2).requires_grad_();

        using var value = loss.call(student, teacher);
        value.backward();

        // Row 1: cos((3,0),(1,0)) = 1 -> 0. Row 2: cos((1,1),(0,2)) = 1/sqrt(2) -> 1 - 0.70711 = 0.29289. Mean 0.14645.
        Assert.Equal(0.14645, value.item<float>(), 4);
        Assert.NotNull(student.grad);
        Assert.Null(teacher.grad);
    }

    [Fact]
    public void MismatchedShapesAreRejected()
    {
        using var loss = new FeatureKdLoss();
        using var student = torch.zeros(2, 3);
        using var teacher = torch.zeros(2, 4);
        using var flat = torch.zeros(3);

        Assert.Equal("teacher", Assert.Throws<ArgumentException>(() => loss.call(student, teacher)).ParamName);
        Assert.Equal("student", Assert.Throws<ArgumentException>(() => loss.call(flat, flat)).ParamName);
    }
}
