using System.Buffers.Binary;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class VerificationBinReaderTests
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Verification");

    public VerificationBinReaderTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public void APickleWrittenByPythonReadsAsPairs()
    {
        using var set = VerificationBinReader.Read(Path.Combine(FixtureFolder, "tiny_protocol4.bin"), 8, foldCount: 2);

        Assert.Equal([true, false, true, false], set.IsSame);
        Assert.Equal(2, set.FoldCount);
        Assert.Equal(8, set.ImageSize);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(TestImages.ChannelFirst(8, i), set.Images[i].bytes.ToArray());
        }
    }

    [Fact]
    public void APython2StylePickleOfStrObjectsReads()
    {
        // InsightFace's published .bin files come from Python 2: images are str (BINSTRING / SHORT_BINSTRING), lists
        // are memoised with BINPUT, and a repeated image is a BINGET of the first.
        var png = Enumerable.Range(0, 3).Select(i => TestImages.Png(8, i)).ToArray();
        var pickle = new MemoryStream();
        pickle.Write([0x80, 2, (byte)']', (byte)'q', 0, (byte)'(']);
        WriteBinString(pickle, png[0]);
        pickle.Write([(byte)'q', 1]);
        pickle.WriteByte((byte)'U');
        pickle.WriteByte((byte)png[1].Length);
        pickle.Write(png[1]);
        WriteBinString(pickle, png[2]);
        pickle.Write([(byte)'h', 1, (byte)'e', (byte)']', (byte)'q', 2, (byte)'(', 0x89, 0x88, (byte)'e', 0x86, (byte)'q', 3, (byte)'.']);
        pickle.Position = 0;

        using var set = VerificationBinReader.Read(pickle, 8, "py2.bin", foldCount: 2);

        Assert.Equal([false, true], set.IsSame);
        Assert.Equal(TestImages.ChannelFirst(8, 1), set.Images[1].bytes.ToArray());
        Assert.Equal(TestImages.ChannelFirst(8, 0), set.Images[3].bytes.ToArray());
    }

    [Fact]
    public void APython3Protocol2FileIsRefusedBecauseItCallsCodecs()
    {
        var error = Assert.Throws<InvalidDataException>(() => VerificationBinReader.Read(Path.Combine(FixtureFolder, "tiny_py3_protocol2.bin"), 8, 2));
        Assert.Contains("tiny_py3_protocol2.bin", error.Message);
        Assert.Contains("GLOBAL", error.Message);
    }

    [Fact]
    public void TruncatedCorruptOrMisshapenFilesGiveClearErrors()
    {
        var bytes = File.ReadAllBytes(Path.Combine(FixtureFolder, "tiny_protocol4.bin"));
        var truncated = Assert.Throws<InvalidDataException>(() => VerificationBinReader.Read(new MemoryStream(bytes[..700]), 8, "cut.bin", 2));
        Assert.Contains("cut.bin", truncated.Message);
        Assert.Contains("truncated", truncated.Message);

        // Bytes 190-229 lie inside the second PNG: the pickle stays valid but that image no longer decodes.
        var corrupt = (byte[])bytes.Clone();
        corrupt.AsSpan(190, 40).Fill(0);
        var undecodable = Assert.Throws<InvalidDataException>(() => VerificationBinReader.Read(new MemoryStream(corrupt), 8, "corrupt.bin", 2));
        Assert.Contains("image 1 (pair 0)", undecodable.Message);

        // ([b"x"], [True]): one image for one pair.
        byte[] tooFew = [0x80, 4, (byte)']', (byte)'(', (byte)'C', 1, (byte)'x', (byte)'e', (byte)']', 0x88, (byte)'a', 0x86, (byte)'.'];
        var shape = Assert.Throws<InvalidDataException>(() => VerificationBinReader.Read(new MemoryStream(tooFew), 8, "few.bin", 2));
        Assert.Contains("1 pairs need 2 images", shape.Message);

        var missing = Path.Combine(FixtureFolder, "absent.bin");
        Assert.Equal(missing, Assert.Throws<FileNotFoundException>(() => VerificationBinReader.Read(missing, 8)).FileName);
    }

    private static void WriteBinString(Stream pickle, byte[] value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, value.Length);
        pickle.WriteByte((byte)'T');
        pickle.Write(length);
        pickle.Write(value);
    }
}
