using Failover.Ctl;

return await CtlCommand.RunAsync(args, Console.Out, Console.Error);
