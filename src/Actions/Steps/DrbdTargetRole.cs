namespace Failover.Actions.Steps;

public enum DrbdTargetRole
{
    Primary,
    Secondary,
}
