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

    @Test func refusesAnInvalidConfiguration() throws {
        // A configuration no manifest could give (batch larger than the training set), with a matching id.
        var config = try Self.plan().runs[0].configuration
        config.training.batchSize = 100_000
        let identity = try config.identity()
        let ticket = try CanonicalJSON.Value.object([
            "archive": .string("/tmp/x.h5"), "config": try CanonicalJSON.parse(identity.canonicalJSON), "manifest": .string("t"),
            "point": .int(0), "run_id": .string(identity.runID), "swept": .array([]),
        ]).canonical()
        #expect { try RunTicket(json: ticket) } throws: { "\($0)".contains("training.batch_size = 100000") }
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
        // A swept value that is not the configuration's, or an unknown swept key, is refused.
        let lying = json.replacingOccurrences(of: #""value":25"#, with: #""value":50"#)
        #expect(lying != json)
        #expect { try RunTicket(json: lying) } throws: { "\($0)".contains("differs from the configuration") }
        let unknown = json.replacingOccurrences(of: #""key":"training.batch_size""#, with: #""key":"training.speed""#)
        #expect { try RunTicket(json: unknown) } throws: { "\($0)".contains("unknown setting training.speed") }
    }
}
