import Foundation

/// Phase times on stderr when BROCHURE_TIMING=1, for profiling whole runs.
final class Timing {
    private let enabled = ProcessInfo.processInfo.environment["BROCHURE_TIMING"] == "1"
    private var last = DispatchTime.now()
    private var lastCPU = Timing.cpu()

    private static func cpu() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
    }

    func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1_000_000
        let cpu = Timing.cpu()
        FileHandle.standardError.write(Data("timing: \(phase) \(String(format: "%.1f", ms)) ms (cpu \(String(format: "%.1f", cpu - lastCPU)) ms)\n".utf8))
        last = now
        lastCPU = cpu
    }
}
