import AWArchive
import AWCore
@testable import AWFigures
import AWManifest
import Foundation
import Testing

/// The multi-learner study on records built in code: arms decoded from the archived configuration,
/// seed pairing, the paired statistic against a hand computation, each claim's verdict rule, and
/// the figures' series as values.
@Suite("Several learners: study, paired statistics, claims, figures")
struct LearnerStudyTests {
    /// One run of an arm: the synthetic record with the arm's real canonical configuration.
    static func run(_ algorithm: TrainingAlgorithm, lr: Double, seed: Int, sharpness: Double, size: Double,
                    learners: Int = 16, batch: Int = 32, topology: LearnerTopology = .ring, noise: Double = 0,
                    converged: Bool = true, consensus: [Double] = []) throws -> RunRecord {
        var c = RunConfiguration(seed: UInt64(seed), replicate: seed)
        c.training.algorithm = algorithm
        c.training.learners = algorithm == .sgd ? 1 : learners
        c.training.batchSize = batch
        c.training.learningRate = lr
        c.training.topology = topology
        c.training.learnerNoise = noise
        var r = SyntheticRecords.record(manifest: "learners", swept: ["training.learning_rate": lr, "arm": Double(TrainingAlgorithm.allCases.firstIndex(of: algorithm)! + 1) + Double(learners) / 100 + noise],
                                        replicate: Int64(seed), sharpness: sharpness, size: size, noise: 0.03)
        r.config = try c.canonicalJSON()
        r.seed = UInt64(seed)
        if !converged { r.training.stopReason = .maxEpochs }
        r.training.consensusDistance = consensus
        return r
    }

    /// SSGD and ring DPSGD at three learning rates, five seeds; DPSGD's sharpness is `ratio` x SSGD's.
    static func study(ratio: Double, sizeRatio: Double = 1, unconvergedSSGDAt: Double? = nil) throws -> [RunRecord] {
        var out: [RunRecord] = []
        for lr in [0.2, 0.4, 0.8] {
            for seed in 0..<5 {
                out.append(try run(.ssgd, lr: lr, seed: seed, sharpness: 1, size: 1, converged: lr != unconvergedSSGDAt))
                out.append(try run(.dpsgd, lr: lr, seed: seed, sharpness: ratio, size: sizeRatio, consensus: [0.2, 0.1, 0.01]))
            }
        }
        return out
    }

    @Test("the paired difference and its 95% interval match a hand computation (t_0.975,3 = 3.182446305)")
    func pairedInterval() throws {
        let d = PairedDifference(treatment: [2, 4, 6, 8], reference: [1, 2, 3, 4])
        #expect(d.differences == [1, 2, 3, 4] && d.mean == 2.5)
        let sd = (5.0 / 3).squareRoot(), half = 3.182446305 * sd / 2
        let ci = try #require(d.interval)
        #expect(abs(ci.lowerBound - (2.5 - half)) < 1e-8 && abs(ci.upperBound - (2.5 + half)) < 1e-8)
        #expect(d.verdict(expectNegative: false).0 == .supported && d.verdict(expectNegative: true).0 == .notSupported)
        #expect(PairedDifference(treatment: [1, 2], reference: [0, 0]).verdict(expectNegative: false).0 == .inconclusive)
        #expect(abs(d.referenceSpread - SummaryStatistics([1, 2, 3, 4]).standardDeviation) < 1e-15)
    }

    @Test("arms come from the archived configuration; runs pair by seed; the learning-rate pairs are SSGD with ring DPSGD")
    func armsAndPairs() throws {
        let s = LearnerStudy(records: try Self.study(ratio: 0.8))
        #expect(s.arms.count == 6 && s.learningRatePairs.map(\.ssgd.learningRate) == [0.2, 0.4, 0.8])
        let (ssgd, dpsgd) = s.learningRatePairs[1]
        #expect(ssgd.description == "SSGD 16×32, η = 0.4" && dpsgd.description == "ring DPSGD 16×32, η = 0.4")
        let gap = s.paired(.measuredGap, dpsgd, ssgd)
        #expect(gap.count == 5)
        let expected = (0..<5).map { seed in
            RunQuantity.measuredGap.value(of: s.arms[dpsgd]![UInt64(seed)]!)! - RunQuantity.measuredGap.value(of: s.arms[ssgd]![UInt64(seed)]!)!
        }
        #expect(gap.differences == expected)
        #expect(s.reference(for: dpsgd) == ssgd)
    }

    @Test("lower DPSGD sharpness at the same size: gap and sharpness supported, size unchanged supported")
    func claimsWhenDPSGDIsFlatter() throws {
        let claims = LearnerStudy(records: try Self.study(ratio: 0.6)).claims()
        #expect(claims[0].verdict == .supported, "\(claims[0].reason)")
        #expect(claims[1].verdict == .supported, "\(claims[1].reason)")
        #expect(claims[2].verdict == .supported, "\(claims[2].reason)")
        #expect(claims[3].verdict == .supported, "best rate: \(claims[3].reason)")
    }

    @Test("sharper DPSGD: the gap claim is not supported; larger DPSGD size: the size claim is not supported")
    func claimsAgainst() throws {
        let sharper = LearnerStudy(records: try Self.study(ratio: 1.5)).claims()
        #expect(sharper[0].verdict == .notSupported && sharper[1].verdict == .notSupported)
        let larger = LearnerStudy(records: try Self.study(ratio: 1, sizeRatio: 1.6)).claims()
        #expect(larger[2].verdict == .notSupported, "\(larger[2].reason)")
    }

    @Test("a learning rate where SSGD did not meet the stop rule is not comparable and stays out of the verdict")
    func comparability() throws {
        let s = LearnerStudy(records: try Self.study(ratio: 0.6, unconvergedSSGDAt: 0.8))
        let rows = s.claims()[0].rows
        #expect(rows.map(\.comparable) == [true, true, false])
        #expect(rows[2].difference.count == 0 && rows[2].convergence == "SSGD 0/5, DPSGD 5/5")
        #expect(s.best(of: s.learningRatePairs.map(\.ssgd))?.learningRate != 0.8)
    }

    @Test("records that are not one study are refused before anything is written: no learners, two datasets, two protocols")
    func refusals() throws {
        #expect(throws: AWError.self) { try LearnerStudy.validated(records: SyntheticRecords.paperLike(seeds: 2)) }
        var two = try Self.study(ratio: 0.6)
        two[0].data.dataset = .fashionMNIST
        #expect(throws: AWError.self) { try LearnerStudy.validated(records: two) }
        var twice = try Self.study(ratio: 0.6)
        var copy = twice[0]
        copy.runID = "ffffffffffffffff"
        twice.append(copy)
        let error = #expect(throws: AWError.self) { try LearnerStudy.validated(records: twice) }
        #expect(error?.message.contains("differ in another setting") == true)
        #expect(throws: Never.self) { try LearnerStudy.validated(records: try Self.study(ratio: 0.6)) }
    }

    @Test("the noise control: reproduced when the noisy SSGD's gap is lower too")
    func noiseControl() throws {
        var records = try Self.study(ratio: 0.6)
        for seed in 0..<5 { records.append(try Self.run(.ssgd, lr: 0.4, seed: seed, sharpness: 0.6, size: 1, noise: 0.05)) }
        let reproduced = LearnerStudy(records: records).claims().last!
        #expect(reproduced.claim.contains("landscape-dependent") && reproduced.verdict == .notSupported)
        records.removeLast(5)
        for seed in 0..<5 { records.append(try Self.run(.ssgd, lr: 0.4, seed: seed, sharpness: 1, size: 1, noise: 0.05)) }
        #expect(LearnerStudy(records: records).claims().last!.verdict == .supported)
        // a noise level that never met the stop rule leaves the control untested: inconclusive
        records.removeLast(5)
        for seed in 0..<5 { records.append(try Self.run(.ssgd, lr: 0.4, seed: seed, sharpness: 1, size: 1, noise: 0.05, converged: false)) }
        let untested = LearnerStudy(records: records).claims().last!
        #expect(untested.verdict == .inconclusive, "\(untested.reason)")
    }

    @Test("figure series as values: per-rate means over seeds, open markers where not comparable; consensus per epoch")
    func figureValues() throws {
        let records = try Self.study(ratio: 0.6, unconvergedSSGDAt: 0.8)
        let s = LearnerStudy(records: records)
        let panels = FigureSet.learnerRatePanels(s)
        #expect(panels.count == 6)
        let gapSSGD = panels[0].series[0]
        #expect(gapSSGD.x == [0.2, 0.4, 0.8] && gapSSGD.notComparable == [false, false, true])
        let mean04 = SummaryStatistics(records.filter { LearnerArm($0) == s.learningRatePairs[1].ssgd }.map { $0.metrics!.gap }).mean
        #expect(abs(gapSSGD.y[1] - mean04) < 1e-15)
        let consensus = FigureSet.learnerConsensusPanels(s)
        #expect(consensus.count == 1 && consensus[0].series[0].y == [0.2, 0.1, 0.01] && consensus[0].series[0].error == [0, 0, 0])
    }

    @Test("the report states each claim with its verdict and embeds the figures it renders")
    func reportAndFigures() throws {
        var records = try Self.study(ratio: 0.6)
        for seed in 0..<5 {
            for (n, b) in [(4, 128), (32, 16)] {
                records.append(try Self.run(.dpsgd, lr: 0.4, seed: seed, sharpness: 0.7, size: 1, learners: n, batch: b, consensus: [0.3, 0.2]))
            }
            records.append(try Self.run(.dpsgd, lr: 0.4, seed: seed, sharpness: 1, size: 1, topology: .complete))
            records.append(try Self.run(.sgd, lr: 0.1, seed: seed, sharpness: 0.5, size: 1, batch: 32))
        }
        let study = LearnerStudy(records: records)
        #expect(FigureSet.plannedLearnerFigures(study) == ["rates", "learners", "spectra", "consensus"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("awd-learners-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try LearnerReport.write(records: records, directory: dir, figureStem: "t", figures: true)
        #expect(files.count == 4 * 3 + 1)
        let text = try String(contentsOf: dir.appendingPathComponent("REPORT.md"), encoding: .utf8)
        #expect(text.contains("| DPSGD: smaller gap than SSGD at the same total batch and learning rate |") && text.contains("**supported**"))
        #expect(text.contains("![rates](t-rates.png)") && text.contains("## Learners at the same total batch (512), η = 0.4"))
        #expect(text.contains("complete DPSGD 16×32, η = 0.4: 0 of 5 seeds have weights"), "synthetic complete-graph runs are not SSGD's")
        // every table row keeps its header's columns (a '|' inside a cell is escaped)
        var columns: Int? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            guard line.hasPrefix("|") else { columns = nil; continue }
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count - 1
            if let c = columns { #expect(cells == c, "\(line)") } else { columns = cells }
        }
        for f in files where f.pathExtension == "png" {
            #expect(try Data(contentsOf: f).starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(f.lastPathComponent)")
        }
    }
}
