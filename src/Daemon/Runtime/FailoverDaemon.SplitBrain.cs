using Failover.Control;
using Failover.Daemon.Control;

namespace Failover.Daemon.Runtime;

/// <summary>failoverctl splitbrain status and resolve.</summary>
public sealed partial class FailoverDaemon
{
    private ControlResponse SplitBrainStatus(string? name)
    {
        if (name is not null && _groups.All(g => g.Name != name))
            return NoSuchGroup(name);
        var reports = _groups.Select((g, i) => (g.Name, Resolver: _splitBrain[i]))
            .Where(x => name is null || x.Name == name)
            .SelectMany(x => x.Resolver?.Report() ?? []).ToArray();
        if (reports.Length == 0)
            return new ControlResponse(false, name is null
                ? "no group has a split_brain: policy (split brain is detected and mailed; recover by hand, docs/rules.md)"
                : $"group '{name}' has no split_brain: policy (split brain is detected and mailed; recover by hand, docs/rules.md)");
        return new ControlResponse(true, SplitBrain: reports);
    }

    private ControlResponse SplitBrainResolve(ControlRequest request, ControlCaller caller)
    {
        var index = _groups.FindIndex(g => g.Name == request.Group);
        if (index < 0)
            return NoSuchGroup(request.Group);
        if (_splitBrain[index] is not { } resolver)
            return new ControlResponse(false, $"group '{request.Group}' has no split_brain: policy: recover by hand (docs/rules.md, Split brain)");
        if (string.IsNullOrEmpty(request.Discard))
            return new ControlResponse(false, "say whose data is discarded: --discard NODE");
        if (!request.DryRun)
            AdminCommand($"splitbrain resolve --discard {request.Discard}", request.Group!, caller.ToString());
        var (ok, text) = resolver.Resolve(request.Discard, request.DryRun, caller.ToString());
        return ok ? new ControlResponse(true, Message: text) : new ControlResponse(false, text);
    }
}
