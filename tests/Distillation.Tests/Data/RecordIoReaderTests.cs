using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class RecordIoReaderTests
{
    private const int Size = 8;

    public RecordIoReaderTests() => TorchRuntime.Initialise(cpuThreads: 1);

    /// <summary>A float whose bits are the RecordIO magic, forcing the writer to split the record around it.</summary>
    private static readonly float MagicAsFloat = BitConverter.Int32BitsToSingle(unchecked((int)0xced7230a));

    [Fact]
    public void AnInsightFaceStyleRecordFileReadsBackWithIdentities()
    {
        using var folder = new TempFolder();
        var (rec, idx) = (Path.Combine(folder.Path, "train.rec"), Path.Combine(folder.Path, "train.idx"));
        long[] identities = [0, 0, 1, 2, 2];
        using (var writer = new RecordIoWriter(rec, idx))
        {
            // Record 0: flag 2, labels (first identity record, end of identity records) as InsightFace writes them.
            writer.Write(0, RecordIoWriter.Pack([identities.Length + 1, identities.Length + 4], []));
            for (var i = 0; i < identities.Length; i++)
            {
                // Record 2 carries its identity as a label array (flag > 0) whose second value holds the magic.
                float[] labels = i == 1 ? [identities[i], MagicAsFloat] : [identities[i]];
                writer.Write(i + 1, RecordIoWriter.Pack(labels, TestImages.Png(Size, i), id: (ulong)i));
            }
            for (var identity = 0; identity < 3; identity++)
            {
                writer.Write(identities.Length + 1 + identity, RecordIoWriter.Pack([1, 2], []));
            }
        }

        var written = File.ReadAllBytes(rec);
        var parts = Enumerable.Range(0, written.Length / 4).Count(i => BitConverter.ToUInt32(written, 4 * i) == 0xced7230a);
        Assert.Equal(9 + 1, parts);

        using var read = RecordIoReader.Read(rec, Size);

        Assert.Equal(identities, read.Faces.Labels!.data<long>().ToArray());
        for (var i = 0; i < identities.Length; i++)
        {
            Assert.Equal(TestImages.ChannelFirst(Size, i), read.Faces.Images[i].bytes.ToArray());
        }
        Assert.Equal(5, read.Report.ImagesRead);
        Assert.Empty(read.Report.Skipped);
    }

    [Fact]
    public void WithoutAHeaderRecordEveryIndexedRecordIsAnImageAndBadOnesAreCounted()
    {
        using var folder = new TempFolder();
        var (rec, idx) = (Path.Combine(folder.Path, "data.rec"), Path.Combine(folder.Path, "data.lst.idx"));
        using (var writer = new RecordIoWriter(rec, idx))
        {
            writer.Write(0, RecordIoWriter.Pack([4], TestImages.Png(Size, 0)));
            writer.Write(1, RecordIoWriter.Pack([5], [1, 2, 3, 4, 5]));
            writer.Write(2, RecordIoWriter.Pack([2.5f], TestImages.Png(Size, 2)));
            writer.Write(3, RecordIoWriter.Pack([7], TestImages.Png(Size, 3)));
        }

        using var read = new RecordIoReader(rec, Size, idx).ReadAll();

        Assert.Equal([4L, 7L], read.Faces.Labels!.data<long>().ToArray());
        Assert.Equal(["record 1", "record 2"], read.Report.Skipped.Select(s => s.Item));
        Assert.Contains("not an identity index", read.Report.Skipped[1].Reason);
    }

    [Fact]
    public void CorruptOrTruncatedFilesGiveClearErrors()
    {
        using var folder = new TempFolder();
        var (rec, idx) = (Path.Combine(folder.Path, "train.rec"), Path.Combine(folder.Path, "train.idx"));
        using (var writer = new RecordIoWriter(rec, idx))
        {
            writer.Write(0, RecordIoWriter.Pack([0], TestImages.Png(Size, 0)));
            writer.Write(1, RecordIoWriter.Pack([1], TestImages.Png(Size, 1)));
        }
        var bytes = File.ReadAllBytes(rec);

        File.WriteAllBytes(rec, bytes[..(bytes.Length - 20)]);
        var truncated = Assert.Throws<InvalidDataException>(() => RecordIoReader.Read(rec, Size));
        Assert.Contains("record 1", truncated.Message);

        var corrupt = (byte[])bytes.Clone();
        corrupt[0] ^= 0xff;
        File.WriteAllBytes(rec, corrupt);
        var badMagic = Assert.Throws<InvalidDataException>(() => RecordIoReader.Read(rec, Size));
        Assert.Contains("no RecordIO magic at offset 0", badMagic.Message);

        File.WriteAllBytes(rec, bytes);
        File.WriteAllText(idx, "0\t0\nnot a line\n");
        var badIndex = Assert.Throws<InvalidDataException>(() => RecordIoReader.Read(rec, Size));
        Assert.Contains("line 2", badIndex.Message);

        File.Delete(idx);
        var missing = Assert.Throws<FileNotFoundException>(() => new RecordIoReader(rec, Size));
        Assert.Equal(idx, missing.FileName);
    }
}
