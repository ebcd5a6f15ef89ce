using System.Buffers.Binary;
using System.IO.Compression;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// Reads an 8-bit, non-interlaced RGB or RGBA PNG (what headless Chromium writes) far enough to judge a screenshot:
/// its size and how many distinct colours it has. Throws on anything else, so a test notices a changed format.
/// </summary>
public sealed record PngPixels(int Width, int Height, int DistinctColours)
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    public static PngPixels Read(byte[] file)
    {
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(Signature))
            throw new InvalidDataException("not a PNG file");
        int width = 0, height = 0, channels = 0;
        var compressed = new MemoryStream();
        for (var at = 8; at + 12 <= file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                channels = data[9] switch { 2 => 3, 6 => 4, var c => throw new InvalidDataException($"PNG colour type {c} not read here") };
                if (data[8] != 8 || data[12] != 0)
                    throw new InvalidDataException("only 8-bit, non-interlaced PNGs are read here");
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }
            at += 12 + length;
        }
        compressed.Position = 0;
        var raw = new MemoryStream();
        using (var inflate = new ZLibStream(compressed, CompressionMode.Decompress))
            inflate.CopyTo(raw);
        return new PngPixels(width, height, CountColours(raw.ToArray(), width, height, channels));
    }

    /// <summary>Undoes each scanline's filter (PNG spec §9) and counts the distinct pixel values.</summary>
    private static int CountColours(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        var previous = new byte[stride];
        var line = new byte[stride];
        var colours = new HashSet<uint>();
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            Array.Copy(raw, y * (stride + 1) + 1, line, 0, stride);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? line[i - channels] : 0, up = previous[i], upLeft = i >= channels ? previous[i - channels] : 0;
                line[i] = (byte)(line[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                });
            }
            for (var x = 0; x < width; x++)
                colours.Add(BinaryPrimitives.ReadUInt32BigEndian(channels == 4 ? line.AsSpan(x * 4) : [line[x * 3], line[x * 3 + 1], line[x * 3 + 2], 255]));
            (previous, line) = (line, previous);
        }
        return colours.Count;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
