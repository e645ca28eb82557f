import Foundation
import SufficiencySimulation

/// Removes a half-written run directory when the user presses Ctrl-C (or the run is terminated).
enum InterruptCleanup {
    nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []

    static func install() {
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                RunWriter.abandon()
                FileHandle.standardError.write(Data("interrupted; no run directory written\n".utf8))
                exit(130)
            }
            source.resume()
            sources.append(source)
        }
    }
}
