import FoundationEssentials
import Glibc

/// Phase times on stderr when BROCHURE_TIMING=1, for profiling whole runs.
final class Timing {
    private let enabled = ProcessInfo.processInfo.environment["BROCHURE_TIMING"] == "1"
    private var last = Timing.now()
    private var lastCPU = Timing.cpu()

    /// Monotonic nanoseconds.
    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// "12.3": one decimal place.
    private static func tenths(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    private static func cpu() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
    }

    func mark(_ phase: String) {
        guard enabled else { return }
        let now = Timing.now()
        let ms = Double(now - last) / 1_000_000
        let cpu = Timing.cpu()
        Report.writeStandardError("timing: \(phase) \(Self.tenths(ms)) ms (cpu \(Self.tenths(cpu - lastCPU)) ms)\n")
        last = now
        lastCPU = cpu
    }
}
