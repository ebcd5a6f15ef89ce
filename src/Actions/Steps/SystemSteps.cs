using System.Net;
using Failover.Actions.Chains;

namespace Failover.Actions.Steps;

/// <summary>Does each kind of step on the running system: VIPs through the group, the rest through programs.</summary>
/// <param name="interfaceName">For exec steps with ucarp_args.</param>
/// <param name="firstVip">For exec steps with ucarp_args: the VIP ucarp would pass.</param>
/// <param name="mail">Where mail steps post; without it they succeed as "not mailed".</param>
public sealed class SystemSteps(IGroupVips vips, string interfaceName, IPAddress firstVip, TimeProvider time, MountCommands? mount = null,
    IStepMail? mail = null)
    : IStepRunner
{
    /// <summary>How often a refused promotion is tried again: the peer may still be demoting, and every
    /// retry interval lost here is added to the takeover (bench/service-failover).</summary>
    public static readonly TimeSpan PromoteRetry = TimeSpan.FromMilliseconds(200);

    private readonly MountCommands _mount = mount ?? MountCommands.System;

    public Task<StepOutcome> RunAsync(ChainStep step, CancellationToken deadline) => step switch
    {
        VipStep vip => Task.FromResult(vip.Up ? vips.Add() : vips.Remove()),
        DrbdStep drbd => DrbdAsync(drbd, deadline),
        MountStep m => MountAsync(m, deadline),
        UmountStep u => UmountAsync(u, deadline),
        ServiceStep service => StepCommand.RunAsync([service.Command, service.Verb, service.Name], time, deadline),
        ExecStep exec => StepCommand.RunAsync(exec.CommandLine(interfaceName, firstVip), time, deadline),
        MailStep m => Task.FromResult(mail?.Post(m) ?? StepOutcome.Ok("not mailed: no alert outbox")),
        _ => throw new ArgumentException($"no runner for {step.GetType().Name}", nameof(step)),
    };

    private async Task<StepOutcome> DrbdAsync(DrbdStep step, CancellationToken deadline)
    {
        string[] argv = [step.Command, step.Verb, step.Resource];
        StepOutcome? refused = null;
        for (int attempt = 1; ; attempt++)
        {
            StepOutcome outcome;
            try
            {
                outcome = await StepCommand.RunAsync(argv, time, deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (refused is not null)
            {
                // The deadline fell during a retry: drbdadm's last complaint says more than "timed out".
                return refused with { Detail = $"{refused.Detail} ({attempt - 1} attempts)" };
            }
            if (outcome.Succeeded || step.Role == DrbdTargetRole.Secondary)
                return attempt == 1 ? outcome : outcome with { Detail = $"{outcome.Detail} (attempt {attempt})" };
            refused = outcome;
            try
            {
                await Task.Delay(PromoteRetry, time, deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return outcome with { Detail = $"{outcome.Detail} ({attempt} attempts)" };
            }
        }
    }

    private async Task<StepOutcome> MountAsync(MountStep step, CancellationToken deadline)
    {
        if (MountInfo.At(ReadMounts(), step.Path) is { } present)
        {
            return SameSource(present.Source, step.Device)
                ? StepOutcome.Ok($"already mounted ({present.FsType})")
                : StepOutcome.Failed($"{step.Path} already has {present.Source} mounted");
        }
        List<string> argv = [_mount.Mount];
        if (step.FsType is not null)
            argv.AddRange(["-t", step.FsType]);
        if (step.Options is not null)
            argv.AddRange(["-o", step.Options]);
        argv.AddRange([step.Device, step.Path]);
        return await StepCommand.RunAsync(argv, time, deadline).ConfigureAwait(false);
    }

    private async Task<StepOutcome> UmountAsync(UmountStep step, CancellationToken deadline) =>
        MountInfo.At(ReadMounts(), step.Path) is null
            ? StepOutcome.Ok("not mounted")
            : await StepCommand.RunAsync([_mount.Umount, step.Path], time, deadline).ConfigureAwait(false);

    private IReadOnlyList<MountEntry> ReadMounts() => MountInfo.Parse(File.ReadAllText(_mount.Table));

    /// <summary>The table shows the kernel's name (/dev/drbd0); the config may name a link to it (/dev/drbd/by-res/r0/0).</summary>
    private static bool SameSource(string source, string device) => source == device || Resolve(source) == Resolve(device);

    private static string Resolve(string path)
    {
        if (!path.StartsWith('/'))
            return path;
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }
}
