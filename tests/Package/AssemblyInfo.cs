// Every package test installs into the one dpkg database of the machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// dpkg, bash and /etc exist only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
