namespace FaceKdGrid.Distillation.Models;

/// <summary>Checks shared by the backbone configurations; each returns the value it accepted.</summary>
internal static class ArchitectureArguments
{
    /// <summary>Throws unless <paramref name="value"/> is a finite multiplier greater than 0.</summary>
    public static double RequirePositiveMultiplier(double value, string paramName)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number greater than 0");
        }
        return value;
    }

    /// <summary>Throws unless the crop size passes the backbones' four stride-2 stages evenly.</summary>
    public static int RequireInputSize(int value, string paramName)
    {
        if (value < 32 || value % 16 != 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a multiple of 16 and at least 32");
        }
        return value;
    }

    /// <summary>Throws unless the embedding has at least one dimension.</summary>
    public static int RequireEmbeddingSize(int value, string paramName)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be at least 1");
        }
        return value;
    }
}
