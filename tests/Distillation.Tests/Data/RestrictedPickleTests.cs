using FaceKdGrid.Distillation.Data;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class RestrictedPickleTests
{
    private static object? Load(params byte[] pickle) => RestrictedPickle.Load(new MemoryStream(pickle));

    [Fact]
    public void IntegersNoneAndNestedTuplesAreRead()
    {
        // (5, 300, -7, -256, None, (True,)) at protocol 2, with a memoised tuple fetched back by BINGET.
        byte[] pickle =
        [
            0x80, 2, (byte)'(', (byte)'K', 5, (byte)'M', 0x2c, 0x01, (byte)'J', 0xf9, 0xff, 0xff, 0xff,
            0x8a, 2, 0x00, 0xff, (byte)'N', 0x88, 0x85, (byte)'q', 0, (byte)'t', (byte)'h', 0, 0x86, (byte)'.',
        ];
        var value = Assert.IsType<object?[]>(Load(pickle));
        var first = Assert.IsType<object?[]>(value[0]);
        Assert.Equal(new object?[] { 5L, 300L, -7L, -256L, null, new object?[] { true } }, first);
        Assert.Equal(new object?[] { true }, value[1]);
    }

    [Fact]
    public void GlobalsAreRefusedNeverLookedUp()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load([0x80, 2, .. "cos\nsystem\n"u8, (byte)'.']));
        Assert.Contains("GLOBAL", error.Message);
        Assert.Contains("offset 2", error.Message);

        var reduce = Assert.Throws<InvalidDataException>(() => Load([0x80, 4, (byte)')', (byte)')', (byte)'R', (byte)'.']));
        Assert.Contains("REDUCE", reduce.Message);
    }

    [Fact]
    public void TruncatedAndMalformedPicklesAreReported()
    {
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => Load(0x80, 2, (byte)']')).Message);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => Load(0x80, 2, (byte)'B', 10, 0, 0, 0, 1, 2)).Message);
        Assert.Contains("protocol 1", Assert.Throws<InvalidDataException>(() => Load(0x80, 1, (byte)'N', (byte)'.')).Message);
        Assert.Contains("memo entry 3", Assert.Throws<InvalidDataException>(() => Load(0x80, 2, (byte)'h', 3, (byte)'.')).Message);
        Assert.Contains("not a list", Assert.Throws<InvalidDataException>(() => Load(0x80, 2, (byte)')', (byte)'N', (byte)'a', (byte)'.')).Message);
        Assert.Contains("2 values", Assert.Throws<InvalidDataException>(() => Load(0x80, 2, (byte)'N', (byte)'N', (byte)'.')).Message);
    }
}
