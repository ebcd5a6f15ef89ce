namespace Failover.Package.Tests.Harness;

/// <summary>The tests that share one build of the packages.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<BuiltPackages>
{
    public const string Name = "package";
}
