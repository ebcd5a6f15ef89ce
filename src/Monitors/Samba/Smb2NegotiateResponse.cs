namespace Failover.Monitors.Samba;

/// <summary>
/// The fields of an SMB2 NEGOTIATE response a health check looks at (MS-SMB2 2.2.1.2 header, 2.2.4 body).
/// </summary>
/// <param name="Status">The header's NT status; when it is not 0 the body is an ERROR response and the
/// body fields below are 0.</param>
/// <param name="BodyStructureSize">65 for a NEGOTIATE response, 9 for an ERROR response.</param>
/// <param name="DialectRevision">The dialect the server chose.</param>
/// <param name="SecurityMode">Bit 0x1 signing enabled, 0x2 signing required.</param>
/// <param name="ServerGuid">The server's GUID.</param>
/// <param name="Capabilities">SMB2_GLOBAL_CAP_* flags.</param>
/// <param name="MaxTransactSize">Largest transact buffer the server accepts.</param>
/// <param name="MaxReadSize">Largest READ the server accepts.</param>
/// <param name="MaxWriteSize">Largest WRITE the server accepts.</param>
public readonly record struct Smb2NegotiateResponse(
    uint Status,
    ushort BodyStructureSize,
    ushort DialectRevision,
    ushort SecurityMode,
    Guid ServerGuid,
    uint Capabilities,
    uint MaxTransactSize,
    uint MaxReadSize,
    uint MaxWriteSize);
