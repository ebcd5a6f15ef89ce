using Failover.Actions.Steps;

namespace Failover.Daemon.Config;

/// <summary>Binds <c>- mail: { subject: "...", text: "..." }</c> and its timeout.</summary>
internal static class MailStepBinder
{
    public const string Kind = "mail";

    public static readonly string[] Keys = [Kind, StepTimeout.Key];

    private static readonly string[] InnerKeys = ["subject", "text"];

    public static MailStep? Bind(KeyedMapping step, ValueReader read)
    {
        var timeout = StepTimeout.Read(step, MailStep.DefaultTimeout, read);
        var map = KeyedMapping.Open(step.Required(Kind)!, "in mail", InnerKeys,
            "mail must be a mapping, e.g. mail: { subject: \"took over\", text: \"this node has the VIPs\" }", read.Errors);
        if (map is null)
            return null;
        var subject = map.Required("subject") is { } s
            ? read.Text(s, "mail subject must be one line of text", v => v.Trim().Length > 0 && !v.Any(char.IsControl))
            : null;
        var text = map.Optional("text") is { } t ? read.Text(t, "mail text must be text") : "";
        return subject is null || text is null || timeout is null ? null : new MailStep(subject.Trim(), text, timeout.Value);
    }
}
