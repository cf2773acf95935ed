import Foundation

/// Phase times on stderr when BROCHURE_TIMING=1, for profiling whole runs.
final class Timing {
    private let enabled = ProcessInfo.processInfo.environment["BROCHURE_TIMING"] == "1"
    private var last = DispatchTime.now()

    func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1_000_000
        FileHandle.standardError.write(Data("timing: \(phase) \(String(format: "%.1f", ms)) ms\n".utf8))
        last = now
    }
}
