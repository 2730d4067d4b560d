"""Writes the tiny InsightFace-style verification pickles used by VerificationBinReaderTests (run once, python3)."""
import pickle
import struct
import zlib


def png(width, height, pixel):
    """An 8-bit RGB PNG whose pixel (x, y) is pixel(x, y)."""
    rows = b"".join(b"\x00" + bytes(c for x in range(width) for c in pixel(x, y)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# Image i (0..7) is 8x8 with pixel (x, y) = (30 * i, 8 * x, 8 * y); the C# test rebuilds the same values.
bins = [png(8, 8, lambda x, y, i=i: (30 * i, 8 * x, 8 * y)) for i in range(8)]
issame_list = [True, False, True, False]

with open("tiny_protocol4.bin", "wb") as f:
    pickle.dump((bins, issame_list), f, protocol=4)
# Python 3 writes bytes under protocol 2 as a call to _codecs.encode (GLOBAL + REDUCE): the reader must refuse it.
with open("tiny_py3_protocol2.bin", "wb") as f:
    pickle.dump((bins, issame_list), f, protocol=2)
