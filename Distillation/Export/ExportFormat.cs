namespace FaceKdGrid.Distillation.Export;

/// <summary>The files a trained network can be written as.</summary>
public enum ExportFormat
{
    /// <summary>An ONNX inference graph (<see cref="OnnxExport"/>).</summary>
    Onnx,

    /// <summary>A PyTorch state dict, for <c>torch.load</c> + <c>load_state_dict</c> (<see cref="StateDictExport"/>).</summary>
    PyTorch,

    /// <summary>The same state dict as safetensors.</summary>
    Safetensors,
}
