namespace Failover.Carp;

/// <summary>
/// How often a node advertises: advbase seconds plus advskew/256 of a second.
/// A smaller timing is a better (preferred) master; comparing (advbase, advskew)
/// lexicographically is the same as comparing the intervals, since advskew/256 &lt; 1 s.
/// </summary>
public readonly record struct CarpTiming(byte AdvBase, byte AdvSkew) : IComparable<CarpTiming>
{
    /// <summary>The BSD "bow-out" advert: so slow that any backup takes over at once.</summary>
    public static CarpTiming BowOut => new(255, 255);

    public TimeSpan Interval => TimeSpan.FromSeconds(AdvBase) + SkewTime;

    public TimeSpan SkewTime => TimeSpan.FromMicroseconds(AdvSkew * 1_000_000L / 256);

    public int CompareTo(CarpTiming other) =>
        AdvBase != other.AdvBase ? AdvBase.CompareTo(other.AdvBase) : AdvSkew.CompareTo(other.AdvSkew);

    public static bool operator <(CarpTiming a, CarpTiming b) => a.CompareTo(b) < 0;
    public static bool operator >(CarpTiming a, CarpTiming b) => a.CompareTo(b) > 0;
    public static bool operator <=(CarpTiming a, CarpTiming b) => a.CompareTo(b) <= 0;
    public static bool operator >=(CarpTiming a, CarpTiming b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"advbase {AdvBase} advskew {AdvSkew}";
}
