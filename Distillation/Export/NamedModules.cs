using TorchSharp;

namespace FaceKdGrid.Distillation.Export;

/// <summary>
/// A network's sub-modules by their dotted names (the checkpoint keys, e.g. "bottlenecks.3.expand.conv"), so the ONNX
/// writers read layers without reaching into private fields.
/// </summary>
internal sealed class NamedModules(torch.nn.Module network)
{
    private readonly Dictionary<string, torch.nn.Module> modules = network.named_modules().ToDictionary(entry => entry.name, entry => entry.module);

    public T Get<T>(string name) where T : torch.nn.Module =>
        modules.TryGetValue(name, out var module)
            ? module as T ?? throw new InvalidOperationException($"'{name}' is a {module.GetType().Name}, not a {typeof(T).Name}")
            : throw new InvalidOperationException($"the network has no module '{name}'");

    public T? Find<T>(string name) where T : torch.nn.Module => modules.GetValueOrDefault(name) as T;

    public bool Has(string name) => modules.ContainsKey(name);
}
