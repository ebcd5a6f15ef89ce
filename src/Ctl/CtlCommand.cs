using System.Net.Sockets;
using System.Text.Json;
using Failover.Control;

namespace Failover.Ctl;

/// <summary>failoverctl's command line. Exit codes: 0 ok, 1 the daemon failed or is unreachable, 2 usage.</summary>
public static class CtlCommand
{
    private const string Usage = """
        Usage: failoverctl [--socket PATH] status [--json]
               failoverctl --help | --version

          status    every group's state, VIPs, link, the master seen on the wire, the last
                    transition and its reason, and the advertisement counters
          --json    the same as JSON, for scripts
          --socket  failoverd's control socket (default /run/failover/failoverd.sock)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var socket = ControlProtocol.DefaultSocketPath;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--socket" && i + 1 < args.Length)
                socket = args[++i];
            else if (args[i].StartsWith("--socket=", StringComparison.Ordinal))
                socket = args[i]["--socket=".Length..];
            else
                rest.Add(args[i]);
        }
        switch (rest.ToArray())
        {
            case ["--help" or "-h" or "help"]:
                stdout.WriteLine(Usage);
                return 0;
            case ["--version"]:
                stdout.WriteLine($"failoverctl {typeof(CtlCommand).Assembly.GetName().Version?.ToString(3)}");
                return 0;
            case ["status"]:
                return await StatusAsync(socket, json: false, stdout, stderr).ConfigureAwait(false);
            case ["status", "--json"]:
                return await StatusAsync(socket, json: true, stdout, stderr).ConfigureAwait(false);
            default:
                stderr.WriteLine(Usage);
                return 2;
        }
    }

    private static async Task<int> StatusAsync(string socket, bool json, TextWriter stdout, TextWriter stderr)
    {
        ControlResponse response;
        try
        {
            response = await ControlClient.SendAsync(socket, new ControlRequest("status"), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or JsonException)
        {
            stderr.WriteLine($"failoverctl: cannot reach failoverd at {socket}: {Describe(e)}");
            return 1;
        }
        if (!response.Ok || response.Status is null)
        {
            stderr.WriteLine($"failoverctl: {response.Error ?? "no status in the answer"}");
            return 1;
        }
        if (json)
            stdout.WriteLine(JsonSerializer.Serialize(response.Status, IndentedJson.StatusReport));
        else
            StatusTable.Write(response.Status, stdout);
        return 0;
    }

    private static string Describe(Exception e) => e switch
    {
        SocketException { SocketErrorCode: SocketError.AddressNotAvailable or SocketError.ConnectionRefused } =>
            "failoverd is not running (or uses another --socket)",
        SocketException { SocketErrorCode: SocketError.AccessDenied } =>
            "permission denied (run as root or as a member of the 'failover' group)",
        OperationCanceledException => "no answer within 5 s",
        _ => e.Message,
    };

    private static readonly ControlJson IndentedJson = new(new JsonSerializerOptions(ControlJson.Default.Options) { WriteIndented = true });
}
