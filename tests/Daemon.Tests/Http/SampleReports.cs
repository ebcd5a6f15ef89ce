using Failover.Control;

namespace Failover.Daemon.Tests.Http;

/// <summary>Status reports as failoverd builds them, for the renderers: a pair with a DRBD group and a DNS group.</summary>
internal static class SampleReports
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static GroupReport Samba() => new(
        "samba", 210, "eth0", "192.0.2.102", ["192.0.2.2/24"], "MASTER", "up", null,
        new TransitionReport("BACKUP", "MASTER", "no advertisement for 3 s", Now.AddMinutes(-42)), "none",
        new AdvertReport(2520, 0, 0, new Dictionary<string, long> { ["bad_hmac"] = 3 }),
        [
            new ProbeReport("samba", "smb", "samba", "UP", "share data: read probe.txt (11 bytes)", 12.5, Now.AddMinutes(-40), 5, 0),
            new ProbeReport("samba", "ldap", "ldap", "DOWN", "connect 192.0.2.2:389: <refused> & \"gone\"", 3.25, Now.AddMinutes(-1), 0, 3),
            new ProbeReport("samba", "smb", "samba", "UP", "share data ok", null, null, 0, 0, MeasuredBy: "n2"),
            new ProbeReport("samba", "reach", "tcp", "UNKNOWN", null, null, null, 0, 0, About: "n2"),
        ],
        Drbd: [new DrbdReport("r0", "SyncSource", "Primary", "Secondary", "UpToDate", "Inconsistent", 42.5, false)]);

    public static GroupReport Dns() => new(
        "dns", 53, "eth0", "192.0.2.102", ["192.0.2.53/24", "192.0.2.54/24"], "BACKUP", "up", "192.0.2.202",
        new TransitionReport("INIT", "BACKUP", "startup", Now.AddHours(-3)), "released",
        new AdvertReport(0, 10800, 0, new Dictionary<string, long>()),
        [new ProbeReport("dns", "named", "dns", "UP", "example.test SOA in 2 ms", 2.0, Now.AddHours(-3), 9, 0)],
        Ineligible: "rule dns-down: probe.named == down");

    public static PeerReport Peer(bool reachable = true) => new("n2", "192.0.2.202:7420", reachable, Now.AddHours(-3), Now.AddSeconds(-1), "1.8.0",
        [
            new PeerGroupReport("samba", "BACKUP", "up", [new PeerProbeReport("smb", "samba", "UP", null)]),
            new PeerGroupReport("dns", "MASTER", "up", [new PeerProbeReport("named", "dns", "DOWN", "timeout after 2 s")]),
        ],
        new Dictionary<string, long> { ["BadMac"] = 2 });

    public static StatusReport Pair() => new("n1", "1.8.0", Now.AddHours(-3), [Samba(), Dns()], Peer(),
        new MailReport("192.0.2.25:25", 2, 1, "relay refused", Now.AddMinutes(-5), Now.AddMinutes(1)));
}
