import AWCore
import Testing
@testable import AWManifest

/// The resolved run a parent hands its child: what the child rebuilds is exactly the planned run.
@Suite struct RunTicketTests {
    static func plan() throws -> RunPlan {
        try ManifestFixtures.manifest("""
            name: t
            training: {max_epochs: 5}
            sweep: {grid: {training.batch_size: [25, 50], model.hidden: [[30, 30], [8]]}}
            seeds: {base: 3, replicates: 2}
            """).plan(root: "/tmp/r")
    }

    @Test func roundTripsEveryRunOfAPlan() throws {
        for run in try Self.plan().runs {
            let json = try RunTicket(manifestName: "t", run: run).json()
            #expect(!json.contains("\n"))
            let back = try RunTicket(json: json)
            #expect(back.manifestName == "t")
            #expect(back.run == run)
            #expect(back.run.label == run.label && back.run.sweptJSON == run.sweptJSON)
        }
    }

    @Test func refusesATicketWhoseIDDoesNotMatchItsConfiguration() throws {
        let run = try Self.plan().runs[0]
        let json = try RunTicket(manifestName: "t", run: run).json()
        let forged = json.replacingOccurrences(of: #""batch_size":25"#, with: #""batch_size":26"#)
        #expect(forged != json)
        #expect { try RunTicket(json: forged) } throws: { "\($0)".contains("does not match its configuration") }
        for (field, text) in [("archive", #""archive":"#), ("run_id", #""run_id":"#), ("swept", #""swept":"#)] {
            let broken = json.replacingOccurrences(of: text, with: #""x_\#(field)":"#)
            #expect { try RunTicket(json: broken) } throws: { "\($0)".contains(field) }
        }
        #expect(throws: AWError.self) { try RunTicket(json: "not json") }
    }
}
