using System.Net;
using System.Text;
using Failover.Carp.Protocol;

namespace Failover.Carp.Tests.Protocol;

/// <summary>
/// A fixture file written by Fixtures/capture-ucarp.sh: comment lines with the ucarp command and its
/// settings as key=value pairs, then one captured Ethernet frame per line in hex.
/// </summary>
internal sealed class UcarpCapture
{
    public const int EthernetHeaderSize = 14;

    private UcarpCapture(string name, string command, IReadOnlyDictionary<string, string> settings, IReadOnlyList<byte[]> frames)
    {
        Name = name;
        Command = command;
        Frames = frames;
        Source = IPAddress.Parse(settings["source"]);
        Vhid = byte.Parse(settings["vhid"]);
        Password = settings["password"];
        Vip = IPAddress.Parse(settings["vip"]);
        Timing = new CarpTiming(byte.Parse(settings["advbase"]), byte.Parse(settings["advskew"]));
        NicMac = settings.GetValueOrDefault("nic_mac");
    }

    public string Name { get; }
    public string Command { get; }
    public IPAddress Source { get; }
    public byte Vhid { get; }
    public string Password { get; }
    public IPAddress Vip { get; }
    public CarpTiming Timing { get; }
    public string? NicMac { get; }
    public IReadOnlyList<byte[]> Frames { get; }

    public bool Broadcast => Command.Contains("--nomcast", StringComparison.Ordinal);

    public CarpKey Key() => new(Encoding.ASCII.GetBytes(Password), Vhid, Vip);

    /// <summary>What a raw IPv4 socket would return for frame <paramref name="index"/>.</summary>
    public byte[] IpPacket(int index) => Frames[index][EthernetHeaderSize..];

    public static IEnumerable<string> AdvertisementFiles() =>
        Directory.EnumerateFiles(FixtureDirectory(), "ucarp-vhid*.txt").Select(Path.GetFileName).OfType<string>().Order();

    /// <summary>(file, frame index) for every captured advertisement.</summary>
    public static TheoryData<string, int> AdvertisementFrames()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in AdvertisementFiles())
        {
            for (int i = 0; i < Load(file).Frames.Count; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    public static UcarpCapture Load(string fileName)
    {
        var settings = new Dictionary<string, string>();
        var frames = new List<byte[]>();
        string command = "";
        foreach (var raw in File.ReadLines(Path.Combine(FixtureDirectory(), fileName)))
        {
            var line = raw.Trim();
            if (line.StartsWith("# command: ", StringComparison.Ordinal))
            {
                command = line["# command: ".Length..];
            }
            else if (line.StartsWith("# source=", StringComparison.Ordinal))
            {
                foreach (var pair in line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = pair.Split('=', 2);
                    settings[parts[0]] = parts[1];
                }
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                frames.Add(Convert.FromHexString(line));
            }
        }

        return new UcarpCapture(fileName, command, settings, frames);
    }

    private static string FixtureDirectory() => Path.Combine(AppContext.BaseDirectory, "Fixtures");
}
