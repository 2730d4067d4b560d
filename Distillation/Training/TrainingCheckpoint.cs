using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Records;
using TorchSharp;
using TorchSharp.Modules;

namespace FaceKdGrid.Distillation.Training;

/// <summary>
/// Everything needed to resume a run exactly: the trained modules' weights (and buffers), the optimiser's
/// state (momentum), the epoch and global step (the learning-rate schedule is a function of the step, and data
/// order and augmentation are derived from the seed and batch coordinates, so no generator state is needed),
/// the metrics history, and free-form properties that identify what was trained.
/// Stored as: "FKDCKPT1", a JSON header, then each module's and the optimiser's TorchSharp state, length-prefixed.
/// </summary>
public sealed class TrainingCheckpoint
{
    private static readonly byte[] Magic = "FKDCKPT1"u8.ToArray();

    private TrainingCheckpoint(Header header, IReadOnlyDictionary<string, byte[]> moduleStates, byte[] optimizerState)
    {
        EpochsCompleted = header.EpochsCompleted;
        Step = header.Step;
        History = header.History;
        Properties = header.Properties;
        ModuleStates = moduleStates;
        OptimizerState = optimizerState;
    }

    public int EpochsCompleted { get; }

    public long Step { get; }

    public IReadOnlyList<EpochMetrics> History { get; }

    public IReadOnlyDictionary<string, string> Properties { get; }

    private IReadOnlyDictionary<string, byte[]> ModuleStates { get; }

    /// <summary>The modules whose weights it holds (e.g. "student" and "projection").</summary>
    public IReadOnlyCollection<string> ModuleNames => [.. ModuleStates.Keys];

    private byte[] OptimizerState { get; }

    public static TrainingCheckpoint Capture(IReadOnlyDictionary<string, torch.nn.Module> modules, OptimizerHelper optimizer,
        int epochsCompleted, long step, IReadOnlyList<EpochMetrics> history, IReadOnlyDictionary<string, string> properties)
    {
        var states = modules.ToDictionary(m => m.Key, m => Serialise(w => m.Value.save(w)));
        var header = new Header(epochsCompleted, step, [.. history], new Dictionary<string, string>(properties), [.. modules.Keys]);
        return new TrainingCheckpoint(header, states, Serialise(optimizer.save_state_dict));
    }

    /// <summary>Loads the saved state into <paramref name="modules"/> and <paramref name="optimizer"/>.</summary>
    public void Restore(IReadOnlyDictionary<string, torch.nn.Module> modules, OptimizerHelper optimizer)
    {
        if (!modules.Keys.Order().SequenceEqual(ModuleStates.Keys.Order()))
        {
            throw new InvalidDataException($"checkpoint holds modules [{string.Join(", ", ModuleStates.Keys)}] but the run trains [{string.Join(", ", modules.Keys)}]");
        }
        foreach (var (name, module) in modules)
        {
            using var reader = new BinaryReader(new MemoryStream(ModuleStates[name]));
            module.load(reader);
        }
        using var optimizerReader = new BinaryReader(new MemoryStream(OptimizerState));
        optimizer.load_state_dict(optimizerReader);
    }

    /// <summary>The saved weights of one module, e.g. to load a trained teacher for inference.</summary>
    public void LoadModule(string name, torch.nn.Module module)
    {
        if (!ModuleStates.TryGetValue(name, out var state))
        {
            throw new InvalidDataException($"checkpoint has no module '{name}' (it has: {string.Join(", ", ModuleStates.Keys)})");
        }
        using var reader = new BinaryReader(new MemoryStream(state));
        module.load(reader);
    }

    /// <summary>Whether the file starts like a FaceKdGrid checkpoint (rather than, say, a PyTorch state dict).</summary>
    public static bool IsCheckpointFile(string path)
    {
        var start = new byte[Magic.Length];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.AsSpan().SequenceEqual(Magic);
    }

    public void WriteTo(Stream stream)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Header(EpochsCompleted, Step, [.. History], new Dictionary<string, string>(Properties), [.. ModuleStates.Keys]));
        stream.Write(Magic);
        WriteBlock(stream, header);
        foreach (var name in ModuleStates.Keys)
        {
            WriteBlock(stream, ModuleStates[name]);
        }
        WriteBlock(stream, OptimizerState);
    }

    /// <summary>Reads the checkpoint stored under <paramref name="key"/> (checked against its stored hash by the store).</summary>
    public static async Task<TrainingCheckpoint> ReadAsync(IArtifactStore store, string key, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(key, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        return ReadFrom(buffer);
    }

    public static TrainingCheckpoint ReadFrom(Stream stream)
    {
        var magic = new byte[Magic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a FaceKdGrid checkpoint (bad magic)");
        }
        var header = JsonSerializer.Deserialize<Header>(ReadBlock(stream))
            ?? throw new InvalidDataException("checkpoint header is empty");
        var states = header.Modules.ToDictionary(name => name, _ => ReadBlock(stream));
        return new TrainingCheckpoint(header, states, ReadBlock(stream));
    }

    private static byte[] Serialise(Action<BinaryWriter> save)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            save(writer);
        }
        return buffer.ToArray();
    }

    private static void WriteBlock(Stream stream, byte[] block)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, block.Length);
        stream.Write(length);
        stream.Write(block);
    }

    private static byte[] ReadBlock(Stream stream)
    {
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) != 8)
        {
            throw new InvalidDataException("checkpoint is truncated");
        }
        var length = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (length < 0 || length > int.MaxValue)
        {
            throw new InvalidDataException($"checkpoint block length {length} is invalid");
        }
        var block = new byte[length];
        if (stream.ReadAtLeast(block, block.Length, throwOnEndOfStream: false) != block.Length)
        {
            throw new InvalidDataException("checkpoint is truncated");
        }
        return block;
    }

    private sealed record Header(int EpochsCompleted, long Step, List<EpochMetrics> History, Dictionary<string, string> Properties, List<string> Modules);
}
