using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Export;

/// <summary>
/// Builds an ONNX inference graph node by node with the ONNX protobuf types OnnxSharp ships: float32 weights become
/// initializers, every node output gets a fresh name, and <see cref="Build"/> wraps the graph in a model with one
/// float input [N, ...] whose batch dimension is dynamic. Knows ONNX, not any network: the per-architecture writers
/// (<see cref="MobileFaceNetOnnx"/>, <see cref="IResNetOnnx"/>, <see cref="DlibResNetOnnx"/>) say what to emit.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The operator set the graph is written for (13: Pad takes its pads as an input, ReduceMean its axes as an attribute).</summary>
    public const long Opset = 13;

    /// <summary>The ONNX IR version that goes with <see cref="Opset"/>.</summary>
    private const long IrVersion = 7;

    public const string BatchDimension = "N";

    private readonly GraphProto graph = new();
    private int nextName;

    public OnnxGraphBuilder(string graphName)
    {
        graph.Name = graphName;
    }

    /// <summary>Declares the float input [N, <paramref name="shape"/>...] and returns its name.</summary>
    public string Input(string name, params long[] shape)
    {
        graph.Input.Add(FloatValue(name, shape));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as the float output [N, <paramref name="shape"/>...] under <paramref name="name"/>.</summary>
    public void Output(string value, string name, params long[] shape)
    {
        Node("Identity", [value], [], name);
        graph.Output.Add(FloatValue(name, shape));
    }

    /// <summary>A float32 constant (copied to the CPU; the tensor is not kept).</summary>
    public string Weight(string name, Tensor tensor)
    {
        using var contiguous = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        var values = contiguous.data<float>().ToArray();
        var proto = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(contiguous.shape);
        // raw_data is little-endian, as .NET's floats are on every platform TorchSharp runs on.
        proto.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>An int64 constant, e.g. the pads of a Pad node.</summary>
    public string Int64Weight(string name, long[] values)
    {
        var proto = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Adds a node and returns its (single) output's name.</summary>
    public string Node(string opType, string[] inputs, AttributeProto[] attributes, string? outputName = null)
    {
        var output = outputName ?? Unique(opType.ToLowerInvariant());
        var node = new NodeProto { OpType = opType, Name = Unique("node_" + opType.ToLowerInvariant()) };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return output;
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>The finished model, with <paramref name="metadata"/> as its metadata_props.</summary>
    public ModelProto Build(string producer, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = producer,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        return model;
    }

    private string Unique(string stem) => $"{stem}_{nextName++}";

    private static ValueInfoProto FloatValue(string name, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        tensorShape.Dim.AddRange(shape.Select(size => new TensorShapeProto.Types.Dimension { DimValue = size }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape } },
        };
    }
}
