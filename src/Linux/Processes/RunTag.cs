using System.Security.Cryptography;
using System.Text;

namespace Failover.Linux.Processes;

/// <summary>
/// A random <c>FAILOVER_RUN=…</c> entry put in the environment of one command run. Environments are
/// inherited across fork and exec, so every process the run started still carries it after it has left
/// the process tree (a job backgrounded by a subshell that exited belongs to init, not to the command);
/// <see cref="RunProcesses"/> finds them by it. Only a process that clears its own environment loses it.
/// </summary>
public sealed class RunTag
{
    public const string Variable = "FAILOVER_RUN";

    public RunTag()
    {
        Value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        Entry = Encoding.ASCII.GetBytes($"{Variable}={Value}");
    }

    public string Value { get; }

    /// <summary>The whole entry as it appears in /proc/PID/environ.</summary>
    public byte[] Entry { get; }

    /// <summary>Whether a NUL-separated environment block (the content of /proc/PID/environ) holds exactly
    /// <paramref name="entry"/> as one of its entries. Pure.</summary>
    public static bool Carries(ReadOnlySpan<byte> environment, ReadOnlySpan<byte> entry)
    {
        while (!environment.IsEmpty)
        {
            var end = environment.IndexOf((byte)0);
            if ((end < 0 ? environment : environment[..end]).SequenceEqual(entry))
                return true;
            environment = end < 0 ? [] : environment[(end + 1)..];
        }
        return false;
    }
}
