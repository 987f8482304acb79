import AWArchive
import AWCore
import AWManifest
import AWRunner
import Foundation

/// One run in this process, through `RunStage`, with its progress and outcome reported as lines:
/// `@awd` events for a parent runner (`child`), or messages for a person.
enum RunExecution {
    static func execute(_ ticket: RunTicket, dataDirectory: String?, child: Bool) throws {
        let run = ticket.run
        let interrupt = InterruptFlag()
        // Training polls the flag; anything slower to notice is cut off after half a second, with
        // this process's temporary archive removed (RunArchive writes <archive>.tmp-<pid>).
        let temporary = RunArchive.temporaryPath(for: run.archivePath)
        let lockPath = RunLock.path(for: run.archivePath)
        // One process per run: another sweep of the same folder that holds this run's lock keeps it.
        do {
            try FileManager.default.createDirectory(atPath: PathText.parent(run.archivePath),
                                                    withIntermediateDirectories: true)
        } catch {
            let message = "\(run.archivePath): cannot make its folder: \(error.localizedDescription)"
            if child { ChildProgress.emit(.failed(message: message)) }
            throw AWError(.io, message)
        }
        let lock: RunLock
        do { lock = try RunLock.acquire(archivePath: run.archivePath) } catch let busy as RunLock.Busy {
            guard child else { throw AWError(.io, "\(run.label): \(busy)") }
            ChildProgress.emit(.finished(status: RunLock.busyStatus, summary: busy.description))
            return
        } catch {
            if child { ChildProgress.emit(.failed(message: "\(error)")) }
            throw error
        }
        defer { lock.release() }
        interrupt.install(deadline: 0.5, cleanup: { unlink(temporary); unlink(lockPath) })
        // Another sweep may have finished the run between our plan and our lock.
        if child, RunStatus.of(run).isDone {
            ChildProgress.emit(.finished(status: RunLock.busyStatus, summary: "archived by another process meanwhile"))
            return
        }
        let start = Date()
        var lastPrint = Date.distantPast
        do {
            let record = try RunStage(dataDirectory: dataDirectory).execute(run, manifestName: ticket.manifestName, progress: { stage, epoch, loss in
                if child {
                    ChildProgress.emit(.progress(stage: stage.rawValue, epoch: epoch, loss: loss))
                } else if Date().timeIntervalSince(lastPrint) > 1 || stage != .train {
                    lastPrint = Date()
                    CommandSupport.printError("\(run.runID) \(stage.rawValue) epoch \(epoch) loss \(loss)")
                }
            }, shouldCancel: { interrupt.isRaised })
            let summary: String
            if let a = record.analysis {
                summary = String(format: "epochs %d gap %.4f estimate %.4f sharp %.4f flat %.4f residual %.1e",
                                 record.training.epochs, a.measuredGap, a.estimatedGap, a.sharpPart, a.flatPart, a.dualityResidualMax)
            } else {
                summary = "epochs \(record.training.epochs) \(record.training.stopReason.rawValue)"
            }
            if child {
                ChildProgress.emit(.finished(status: record.status.rawValue, summary: summary))
            } else {
                print(String(format: "%@ %@ %.1fs %@ -> %@", record.status.rawValue, run.label,
                             Date().timeIntervalSince(start), summary, run.archivePath))
            }
        } catch {
            if child { ChildProgress.emit(.failed(message: "\(error)")) }
            throw error
        }
    }
}
