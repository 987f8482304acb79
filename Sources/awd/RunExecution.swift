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
        interrupt.install()
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
