using Orleans.Storage;

namespace FaceKdGrid.Silo.Storage;

/// <summary>Options of <see cref="FileGrainStorage"/>: its folder and the serializer of the states it keeps.</summary>
public sealed class FileGrainStorageOptions : IStorageProviderSerializerOptions
{
    public string Root { get; set; } = "";

    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
