using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Models;

public sealed class StudentCatalogTests
{
    private const int InputSize = 32;
    private const int EmbeddingSize = 64;

    public StudentCatalogTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public void AnExactlyReachableRatioPicksThatStudent()
    {
        var paperConfig = new MobileFaceNetConfig(InputSize: InputSize, EmbeddingSize: EmbeddingSize);
        using var paperModel = new MobileFaceNet(paperConfig);
        var studentParameters = ModelStatistics.CountParameters(paperModel);

        var choice = StudentCatalog.Choose(8 * studentParameters, 8, InputSize, EmbeddingSize);

        Assert.Equal(paperConfig, choice.Config);
        Assert.Equal(studentParameters, choice.Parameters);
        Assert.Equal(8.0, choice.AchievedRatio, 12);
        Assert.Equal(ModelStatistics.CountMultiplyAdds(paperModel), choice.MultiplyAdds);
    }

    [Fact]
    public void LargerRatiosGiveSmallerStudentsCloseToTheRequest()
    {
        const long teacherParameters = 10_000_000;
        double[] ratios = [4, 8, 16, 32, 64];

        var choices = ratios.Select(ratio => StudentCatalog.Choose(teacherParameters, ratio, InputSize, EmbeddingSize)).ToList();

        for (var index = 0; index < ratios.Length; index++)
        {
            Assert.InRange(choices[index].AchievedRatio / ratios[index], 0.9, 1.1);
            Assert.Equal((double)teacherParameters / choices[index].Parameters, choices[index].AchievedRatio, 9);
        }
        Assert.True(choices.Zip(choices.Skip(1)).All(pair => pair.First.Parameters > pair.Second.Parameters));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RatiosThatAreNotCompressionAreRejected(double ratio)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StudentCatalog.Choose(10_000_000, ratio, InputSize, EmbeddingSize));
        Assert.Equal("compressionRatio", error.ParamName);
    }

    [Fact]
    public void AnUnreachableRatioSaysWhichRatiosAreReachable()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StudentCatalog.Choose(1_000_000, 10_000, InputSize, EmbeddingSize));
        Assert.Equal("compressionRatio", error.ParamName);
        Assert.Contains("no MobileFaceNet student reaches", error.Message);
        Assert.Contains("students span ratios", error.Message);
    }

    [Fact]
    public void BadSizesNameTheParameter()
    {
        Assert.Equal("inputSize", Assert.Throws<ArgumentOutOfRangeException>(() => StudentCatalog.Choose(1_000_000, 4, 20, EmbeddingSize)).ParamName);
        Assert.Equal("teacherParameters", Assert.Throws<ArgumentOutOfRangeException>(() => StudentCatalog.Choose(0, 4, InputSize, EmbeddingSize)).ParamName);
    }
}
