// Lab tests measure failover timing on a 2-core machine: running them side by side would skew every figure.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Network namespaces, veth and ucarp exist only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
