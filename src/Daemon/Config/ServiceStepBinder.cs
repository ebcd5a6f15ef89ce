using Failover.Actions.Steps;

namespace Failover.Daemon.Config;

/// <summary>Binds <c>- service: { name: smbd, action: start, command: /bin/systemctl }</c> and its timeout.</summary>
internal static class ServiceStepBinder
{
    public const string Kind = "service";

    public static readonly string[] Keys = [Kind, StepTimeout.Key];

    private static readonly string[] InnerKeys = ["name", "action", "command"];

    public static ServiceStep? Bind(KeyedMapping step, ValueReader read)
    {
        var timeout = StepTimeout.Read(step, ServiceStep.DefaultTimeout, read);
        var map = KeyedMapping.Open(step.Required(Kind)!, "in service", InnerKeys,
            "service must be a mapping, e.g. service: { name: smbd, action: start }", read.Errors);
        if (map is null)
            return null;
        var name = map.Required("name") is { } n
            ? read.Text(n, "service name must be a systemd unit such as smbd or smbd.service", StepWords.IsName)
            : null;
        var action = map.Required("action") is { } a
            ? read.Text(a, "service action must be start, stop or restart", v => v is "start" or "stop" or "restart")
            : null;
        var command = map.Optional("command") is { } c
            ? read.AbsolutePath(c, "service command must be the absolute path of systemctl")
            : ServiceStep.DefaultCommand;
        return name is null || action is null || command is null || timeout is null
            ? null
            : new ServiceStep(name, Enum.Parse<ServiceAction>(action, ignoreCase: true), command, timeout.Value);
    }
}
