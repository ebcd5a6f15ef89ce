using System.Globalization;

namespace Failover.Monitors.Drbd;

/// <summary>
/// The DRBD 9 state built from <c>drbdsetup events2</c>: apply each event in order, read <see cref="States"/>.
/// </summary>
/// <remarks>
/// One <see cref="DrbdResourceState"/> per (resource, volume), seen towards one peer: the connection with the
/// lowest peer-node-id (a failover pair has just one). A resource without devices yet gives one state with a null
/// <see cref="DrbdResourceState.Volume"/>; a resource without connections is StandAlone with an Unknown peer.
/// A <c>change</c> updates only the keys it carries; an event for an object never created creates it (events2 may
/// start mid-stream); <c>destroy</c> removes the object and what hangs below it. Paths, helper responses, unknown
/// objects and unknown keys are ignored.
/// Split brain: <c>call helper … helper:split-brain</c> marks the resource (for that peer) until that peer's
/// connection is Connected again, i.e. until someone resolved it.
/// Not thread-safe: one reader of the events2 stream owns it.
/// </remarks>
public sealed class DrbdEvents2Model
{
    // Stands for "a split-brain call that named no peer".
    private const int AnyPeer = -1;

    private readonly SortedDictionary<string, ResourceEntry> _resources = new(StringComparer.Ordinal);

    /// <summary>The initial dump (<c>exists …</c> lines) has ended with <c>exists -</c>.</summary>
    public bool InitialDumpComplete { get; private set; }

    /// <summary>Applies one event. False when it named nothing the model tracks or lacked the keys that name the
    /// object (e.g. a device without volume:); the model is then unchanged.</summary>
    public bool Apply(DrbdEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.IsEndOfInitialDump)
        {
            InitialDumpComplete = true;
            return true;
        }
        if (e["name"] is not { Length: > 0 } name) return false;
        return e.Object switch
        {
            "resource" => ApplyResource(e, name),
            "device" => ApplyDevice(e, name),
            "connection" => ApplyConnection(e, name),
            "peer-device" => ApplyPeerDevice(e, name),
            "helper" => ApplyHelper(e, name),
            _ => false,
        };
    }

    public void ApplyAll(IEnumerable<DrbdEvent> events)
    {
        foreach (var e in events) Apply(e);
    }

    public IReadOnlyCollection<string> ResourceNames => _resources.Keys;

    /// <summary>Current state of every (resource, volume), ordered by name then volume.</summary>
    public IReadOnlyList<DrbdResourceState> States =>
        _resources.SelectMany(r => StatesOf(r.Key, r.Value)).ToList();

    public DrbdResourceState? Find(string resource, int volume = 0) =>
        _resources.TryGetValue(resource, out var entry)
            ? StatesOf(resource, entry).FirstOrDefault(s => s.Volume == volume)
            : null;

    /// <summary>All volumes of one resource (one state with a null volume if it has no device).</summary>
    public IReadOnlyList<DrbdResourceState> StatesOf(string resource) =>
        _resources.TryGetValue(resource, out var entry) ? StatesOf(resource, entry).ToList() : [];

    private bool ApplyResource(DrbdEvent e, string name)
    {
        if (e.Verb == DrbdEventVerb.Destroy) return _resources.Remove(name);
        var resource = Resource(name);
        if (e["role"] is { } role) resource.Role = Role(role);
        return true;
    }

    private bool ApplyDevice(DrbdEvent e, string name)
    {
        if (Int(e["volume"]) is not { } volume) return false;
        if (e.Verb == DrbdEventVerb.Destroy)
            return _resources.TryGetValue(name, out var r) && r.Devices.Remove(volume);
        var device = Resource(name).Devices.GetOrAdd(volume);
        if (Int(e["minor"]) is { } minor) device.Minor = minor;
        if (e["disk"] is { } disk) device.Disk = Disk(disk);
        return true;
    }

    private bool ApplyConnection(DrbdEvent e, string name)
    {
        if (Int(e["peer-node-id"]) is not { } peer) return false;
        if (e.Verb == DrbdEventVerb.Destroy)
        {
            if (!_resources.TryGetValue(name, out var r) || !r.Connections.Remove(peer)) return false;
            foreach (var key in r.PeerDevices.Keys.Where(k => k.Peer == peer).ToList()) r.PeerDevices.Remove(key);
            return true;
        }
        var resource = Resource(name);
        var connection = resource.Connections.GetOrAdd(peer);
        if (e["role"] is { } role) connection.Role = Role(role);
        if (e["connection"] is { } state)
        {
            connection.State = state;
            if (state == "Connected")
            {
                resource.SplitBrainPeers.Remove(peer);
                resource.SplitBrainPeers.Remove(AnyPeer);
            }
        }
        return true;
    }

    private bool ApplyPeerDevice(DrbdEvent e, string name)
    {
        if (Int(e["peer-node-id"]) is not { } peer || Int(e["volume"]) is not { } volume) return false;
        if (e.Verb == DrbdEventVerb.Destroy)
            return _resources.TryGetValue(name, out var r) && r.PeerDevices.Remove((peer, volume));
        var resource = Resource(name);
        resource.Connections.GetOrAdd(peer);
        var peerDevice = resource.PeerDevices.GetOrAdd((peer, volume));
        if (e["replication"] is { } replication)
        {
            peerDevice.Replication = replication;
            // A percentage left from an earlier resync must not survive it.
            if (DrbdStateNames.Classify(replication) != DrbdConnectionKind.Syncing) peerDevice.Done = null;
        }
        if (e["peer-disk"] is { } peerDisk) peerDevice.PeerDisk = Disk(peerDisk);
        if (e["done"] is { } done
            && double.TryParse(done, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            && percent <= 100)
            peerDevice.Done = percent;
        return true;
    }

    private bool ApplyHelper(DrbdEvent e, string name)
    {
        if (e.Verb != DrbdEventVerb.Call || e["helper"] != "split-brain") return false;
        Resource(name).SplitBrainPeers.Add(Int(e["peer-node-id"]) ?? AnyPeer);
        return true;
    }

    private ResourceEntry Resource(string name)
    {
        if (!_resources.TryGetValue(name, out var resource)) _resources[name] = resource = new ResourceEntry();
        return resource;
    }

    private static IEnumerable<DrbdResourceState> StatesOf(string name, ResourceEntry resource)
    {
        var hasPeer = resource.Connections.Count > 0;
        var peer = hasPeer ? resource.Connections.First() : default;
        var baseState = new DrbdResourceState
        {
            Name = name,
            LocalRole = resource.Role,
            PeerRole = hasPeer ? peer.Value.Role : DrbdRole.Unknown,
            ConnectionState = hasPeer ? peer.Value.State : "StandAlone",
            SplitBrain = resource.SplitBrainPeers.Contains(AnyPeer) || (hasPeer && resource.SplitBrainPeers.Contains(peer.Key)),
        };
        if (resource.Devices.Count == 0)
        {
            yield return baseState;
            yield break;
        }
        foreach (var (volume, device) in resource.Devices)
        {
            var state = baseState with { Volume = volume, Minor = device.Minor, LocalDisk = device.Disk };
            if (hasPeer && resource.PeerDevices.TryGetValue((peer.Key, volume), out var peerDevice))
            {
                // 8.x-style single word: the resync state while connected, the connection state otherwise. Off while
                // Connected is the handshake with that peer device not done yet (or a volume the peer lacks): not
                // replicating, and split brain is found in that handshake, so it must not pass for Connected.
                var merged = state.ConnectionState == "Connected" && peerDevice.Replication is { } r && r != "Established"
                    ? r : state.ConnectionState;
                state = state with
                {
                    ConnectionState = merged,
                    PeerDisk = peerDevice.PeerDisk,
                    Sync = peerDevice.Done is { } done && DrbdStateNames.Classify(merged) == DrbdConnectionKind.Syncing
                        ? new DrbdSyncProgress(done, IsVerify: merged is "VerifyS" or "VerifyT")
                        : null,
                };
            }
            yield return state;
        }
    }

    private static DrbdRole Role(string text) => DrbdStateNames.TryParseRole(text, out var role) ? role : DrbdRole.Unknown;

    private static DrbdDiskState Disk(string text) =>
        DrbdStateNames.TryParseDisk(text, out var disk) ? disk : DrbdDiskState.DUnknown;

    private static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private sealed class ResourceEntry
    {
        public DrbdRole Role;
        public readonly SortedDictionary<int, DeviceEntry> Devices = [];
        public readonly SortedDictionary<int, ConnectionEntry> Connections = [];
        public readonly Dictionary<(int Peer, int Volume), PeerDeviceEntry> PeerDevices = [];
        public readonly HashSet<int> SplitBrainPeers = [];
    }

    private sealed class DeviceEntry
    {
        public int? Minor;
        public DrbdDiskState Disk;
    }

    private sealed class ConnectionEntry
    {
        public string State = "Unknown";
        public DrbdRole Role;
    }

    private sealed class PeerDeviceEntry
    {
        public string? Replication;
        public DrbdDiskState PeerDisk;
        public double? Done;
    }
}
