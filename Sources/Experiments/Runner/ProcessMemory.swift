#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Peak memory as `/usr/bin/time -v` reports it ("Maximum resident set size"), from `getrusage`.
public enum ProcessMemory {
    /// This process's peak resident set size so far, in bytes.
    public static var peakResidentBytes: Int { peak(who(RUSAGE_SELF)) }

    /// The largest peak resident set size among this process's finished, waited-for children, in bytes.
    public static var childrenPeakResidentBytes: Int { peak(who(RUSAGE_CHILDREN)) }

    #if canImport(Glibc)
    private static func who(_ w: __rusage_who) -> Int32 { Int32(w.rawValue) }  // an enum in glibc's headers
    #else
    private static func who(_ w: Int32) -> Int32 { w }
    #endif

    private static func peak(_ who: Int32) -> Int {
        var usage = rusage()
        guard getrusage(who, &usage) == 0 else { return 0 }
        #if canImport(Darwin)
        return Int(usage.ru_maxrss)  // bytes on macOS
        #else
        return Int(usage.ru_maxrss) * 1024  // KiB on Linux
        #endif
    }
}
