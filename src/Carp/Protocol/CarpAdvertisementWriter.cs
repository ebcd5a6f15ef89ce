using System.Buffers.Binary;

namespace Failover.Carp.Protocol;

/// <summary>Writes the 36-byte CARP header exactly as ucarp sends it.</summary>
public static class CarpAdvertisementWriter
{
    public static void Write(Span<byte> destination, byte vhid, CarpTiming timing, ulong counter, CarpKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (destination.Length < CarpHeader.Size)
        {
            throw new ArgumentException($"A CARP header needs {CarpHeader.Size} bytes.", nameof(destination));
        }

        // The vhid is inside the HMAC: a key for another group would produce adverts every peer rejects.
        if (key.Vhid != vhid)
        {
            throw new ArgumentException($"The key is for vhid {key.Vhid}, not {vhid}.", nameof(key));
        }

        var header = destination[..CarpHeader.Size];
        header[0] = (byte)(CarpWire.Version << 4 | CarpWire.TypeAdvertisement);
        header[1] = vhid;
        header[2] = timing.AdvSkew;
        header[3] = CarpWire.AuthLength;
        header[4] = 0;
        header[5] = timing.AdvBase;
        BinaryPrimitives.WriteUInt16BigEndian(header[CarpHeader.ChecksumOffset..], 0);
        BinaryPrimitives.WriteUInt64BigEndian(header[CarpHeader.CounterOffset..], counter);
        key.ComputeHmac(counter, header[CarpHeader.HmacOffset..]);

        // The checksum covers the HMAC, so it comes last.
        BinaryPrimitives.WriteUInt16BigEndian(header[CarpHeader.ChecksumOffset..], InternetChecksum.Compute(header));
    }
}
