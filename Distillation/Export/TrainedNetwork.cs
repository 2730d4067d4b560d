using System.Globalization;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;

namespace FaceKdGrid.Distillation.Export;

/// <summary>
/// The network a trial trained, rebuilt from its checkpoint alone for inference: a distilled student (module
/// "student"), a student of the supervised baseline or a grid-trained teacher (module "model"). The checkpoint's
/// properties name the architecture (<see cref="TeacherModel.ModelProperty"/> and the sizes).
/// </summary>
public static class TrainedNetwork
{
    private static readonly string[] NetworkModules = ["student", "model"];

    /// <exception cref="InvalidDataException">The checkpoint does not say which network it holds.</exception>
    public static FaceEmbedder FromCheckpoint(TrainingCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        string Property(string name) => checkpoint.Properties.TryGetValue(name, out var value)
            ? value
            : throw new InvalidDataException($"the checkpoint does not record its architecture (no '{name}' property; checkpoints written before export existed lack it): run the trial again to export it");
        int Number(string name) => int.Parse(Property(name), CultureInfo.InvariantCulture);

        var module = NetworkModules.FirstOrDefault(checkpoint.ModuleNames.Contains)
            ?? throw new InvalidDataException($"the checkpoint holds no network (modules: {string.Join(", ", checkpoint.ModuleNames)})");
        var network = ModelFactory.Create(Property(TeacherModel.ModelProperty), Number(TeacherModel.InputSizeProperty), Number(TeacherModel.EmbeddingSizeProperty));
        try
        {
            checkpoint.LoadModule(module, network);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        network.eval();
        return network;
    }
}
