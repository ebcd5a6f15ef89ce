namespace Failover.Actions.Steps;

public enum ServiceAction
{
    Start,
    Stop,
    Restart,
}
