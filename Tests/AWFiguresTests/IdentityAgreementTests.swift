import AWArchive
import AWCore
import Foundation
import Testing
@testable import AWFigures

/// `awd verify` (ArchiveVerifier) and the report (ClaimEvaluation) judge the identities with one
/// implementation (IdentityCheck). Before, they disagreed on these records: the verifier held the
/// duality residual to an absolute 1e-6 and the report to 1e-4 (float32) / 1e-9 (float64) relative;
/// the verifier checked the decomposition on the per-direction terms and the report on the stored totals.
@Suite("Identities: verify and the report agree")
struct IdentityAgreementTests {
    func verifyPasses(_ r: RunRecord, _ identity: IdentityCheck.Identity) throws -> Bool {
        let name = ArchiveVerifier.checkName(identity)
        return try #require(ArchiveVerifier().verify(r).first { $0.name == name }, "verify has no \(name) check").passed
    }

    func reportSupports(_ r: RunRecord, _ identity: IdentityCheck.Identity) throws -> Bool {
        let row = try #require(ReproductionReport.evaluate(records: [r]).first { $0.id == "identity.\(identity.rawValue)" })
        #expect(row.n == 1)
        return row.verdict == .supported
    }

    func record(dtype: DType, dualityResidual: Double) -> RunRecord {
        var r = SyntheticRecords.record(manifest: "m", swept: ["training.batch_size": 25], replicate: 0, sharpness: 1, size: 1)
        r.model.dtype = dtype
        r.analysis!.pairDualLoss = r.analysis!.pairTestLoss.map { $0 + dualityResidual }
        r.analysis!.dualityResidualMax = dualityResidual
        return r
    }

    @Test("float32, duality residual 5e-6 (old verify: FAIL, old report: supported) -> both pass")
    func float32Residual() throws {
        let r = record(dtype: .float32, dualityResidual: 5e-6)
        #expect(try verifyPasses(r, .duality))
        #expect(try reportSupports(r, .duality))
    }

    @Test("float64, duality residual 1e-8 (old verify: pass, old report: not supported) -> both fail")
    func float64Residual() throws {
        let r = record(dtype: .float64, dualityResidual: 1e-8)
        #expect(try !verifyPasses(r, .duality))
        #expect(try !reportSupports(r, .duality))
    }

    @Test("per-direction terms that do not add up to the stored totals (old report: supported) -> both fail")
    func decompositionTerms() throws {
        var r = record(dtype: .float32, dualityResidual: 1e-9)
        #expect(try verifyPasses(r, .decomposition) && reportSupports(r, .decomposition))
        r.analysis!.c = r.analysis!.c.map { $0 * 1.5 }
        #expect(try !verifyPasses(r, .decomposition))
        #expect(try !reportSupports(r, .decomposition))
    }

    @Test("every identity: the verifier's check and the report's verdict are the same on varied records")
    func sameAnswer() throws {
        var records = [record(dtype: .float32, dualityResidual: 5e-6), record(dtype: .float64, dualityResidual: 1e-8),
                       record(dtype: .float64, dualityResidual: 1e-12)]
        var off = record(dtype: .float32, dualityResidual: 1e-9)
        off.metrics!.gap += 0.01   // breaks the train-loss offset and the estimate bound
        records.append(off)
        for r in records {
            for identity in IdentityCheck.Identity.allCases {
                let check = try #require(IdentityCheck.check(identity, r))
                #expect(try verifyPasses(r, identity) == check.passed, "\(identity)")
                #expect(try reportSupports(r, identity) == check.passed, "\(identity)")
            }
        }
        #expect(IdentityCheck.check(.trainOffset, off)?.passed == false && IdentityCheck.check(.estimate, off)?.passed == false)
    }
}
