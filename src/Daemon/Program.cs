using Failover.Daemon;

return await DaemonCommand.RunAsync(args, Console.Out, Console.Error);
