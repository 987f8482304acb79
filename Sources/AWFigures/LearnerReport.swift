import AWArchive
import AWCore
import Foundation

/// The report of the multi-learner study (Markdown), from records only: the claims of PAPER.md
/// section 9 with paired statistics and computed verdicts (`LearnerStudy+Claims`), where SSGD
/// fails, per-arm tables, the learners sweep, the controls and the figures.
public enum LearnerReport {
    public static func build(records: [RunRecord], figureStem: String, figuresDirectory: String = "") -> String {
        let study = LearnerStudy(records: records)
        return build(study: study, records: records, figureStem: figureStem, figuresDirectory: figuresDirectory)
    }

    static func build(study: LearnerStudy, records: [RunRecord], figureStem: String, figuresDirectory: String) -> String {
        let prefix = figuresDirectory.isEmpty || figuresDirectory == "." ? "" :
            (figuresDirectory.hasSuffix("/") ? figuresDirectory : figuresDirectory + "/")
        var md = ""
        func line(_ s: String = "") { md += s + "\n" }
        /// A table row; `|` inside a cell is escaped so that every row keeps its columns.
        func row(_ cells: [String]) { line("| " + cells.map(ReproductionReport.escape).joined(separator: " | ") + " |") }
        func f(_ x: Double) -> String { NumberFormat.significant(x) }
        func stat(_ s: SummaryStatistics) -> String {
            s.count == 0 ? "—" : (s.standardDeviation.isFinite ? "\(f(s.mean)) ± \(f(s.standardDeviation))" : f(s.mean))
        }
        let manifests = Array(Set(records.map(\.manifest))).sorted()
        let dataset = study.datasets.map(\.rawValue).joined(separator: ", ")
        line("# Several learners: synchronous vs decentralized SGD (\(dataset))")
        line()
        line("Generated from the run archives alone (\(records.count) runs in " + manifests.map { "`\($0)`" }.joined(separator: ", ")
             + "); diverged runs: \(records.filter(\.isDiverged).count). The algorithms, the update order and the protocol: docs/LEARNERS.md.")
        line()
        if let c = records.compactMap(\.configuration).first {
            line("Setting: \(c.layerSizes.map(String.init).joined(separator: "-")) \(c.model.activation.rawValue) network, layer "
                 + "\(c.analysis.layerIndex + 1) analysed; \(c.dataset.trainingSetSize) training images (\(c.dataset.trainPerClass) per class), "
                 + "\(c.dataset.testCount) test images; warm-up \(c.training.warmupEpochs) epochs; at most \(c.training.maxEpochs) epochs; "
                 + "stop rule L_train < \(f(c.training.stopLoss)) with mean train accuracy > \(f(c.training.stopAccuracy)) over \(c.training.stopWindow) epochs.")
            line()
        }
        line("## How the verdicts are computed")
        line()
        line("Every comparison is paired: runs of two arms with the same seed share the initialisation and the data order. A difference is "
             + "DPSGD − SSGD (or control − SSGD) per seed, over the seeds where both runs met the stop rule, with the 95% Student-t interval "
             + "of its mean. A learning rate enters a verdict when both arms are comparable (at least half of their seeds met the stop rule) "
             + "and it has at least \(PairedDifference.minimumPairs) pairs. \"Smaller\": *supported* when some learning rate's interval is "
             + "below 0 and none is above 0, *not supported* when some is above and none below, else *inconclusive*. \"Unchanged\" (size): "
             + "a learning rate agrees when its interval contains 0 or the mean difference is within SSGD's seed-to-seed std; *supported* "
             + "when all agree, *not supported* when one has an interval excluding 0 with a larger difference.")
        line()
        let claims = study.claims()
        line("## Claims")
        line()
        line("| Claim | Statistic | Verdict | Why |")
        line("|---|---|---|---|")
        for c in claims { row([c.claim, c.statistic, "**\(c.verdict.rawValue)**", c.reason]) }
        line()
        for c in claims where !c.rows.isEmpty {
            line("### \(c.claim)")
            line()
            line("| Comparison | Difference [95% CI] | Pairs | SSGD (reference) mean | Other mean | Met stop rule | Verdict | Why |")
            line("|---|---|---:|---|---|---|---|---|")
            for r in c.rows {
                let d = r.difference
                row([r.label, d.text, "\(d.count)", d.count > 0 ? f(d.referenceMean) : "—", d.count > 0 ? f(d.treatmentMean) : "—",
                     r.convergence, r.enters ? r.verdict.rawValue : "\(r.verdict.rawValue) (does not enter)", r.reason])
            }
            line()
        }
        line("## Where SSGD fails")
        line()
        line("| η | SSGD met stop rule | SSGD diverged | SSGD final L_train (median, non-diverged) | DPSGD met stop rule | DPSGD diverged | DPSGD final L_train (median, non-diverged) |")
        line("|---|---|---|---|---|---|---|")
        func median(_ v: [Double]) -> String {
            let s = v.sorted(); guard !s.isEmpty else { return "—" }
            return f(s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
        }
        for (s, d) in study.learningRatePairs {
            func final(_ arm: LearnerArm) -> [Double] { study.runs(arm).filter { !$0.isDiverged }.compactMap { $0.training.trainLoss.last } }
            func diverged(_ arm: LearnerArm) -> String { "\(study.runs(arm).filter(\.isDiverged).count)" }
            row([NumberFormat.compact(s.learningRate), study.convergenceText(s), diverged(s), median(final(s)),
                 study.convergenceText(d), diverged(d), median(final(d))])
        }
        line()
        line("## Every arm (mean ± sample std over the seeds that met the stop rule)")
        line()
        let columns: [RunQuantity] = [.testLoss, .measuredGap, .sharpPart, .flatPart, .sharpness, .size, .layerNorm, .lambdaMax, .epochs, .consensusDistance]
        row(["Arm", "Met stop rule"] + columns.map(\.textLabel))
        line("|---|---|" + columns.map { _ in "---" }.joined(separator: "|") + "|")
        for arm in study.arms.keys.sorted(by: { ($0.learningRate, $0.description) < ($1.learningRate, $1.description) }) {
            row(["\(arm)", study.convergenceText(arm)] + columns.map { stat(study.statistics($0, arm)) })
        }
        line()
        if let (rate, total) = FigureSet.learnerCountSetting(study) {
            line("## Learners at the same total batch (\(total)), η = \(NumberFormat.compact(rate))")
            line()
            line("SSGD with total batch \(total) is the same algorithm for every n (SGD with batch \(total), to rounding), so every DPSGD learner count is compared with the one SSGD arm.")
            line()
            line("| n × b | Met stop rule | gap | DPSGD − SSGD gap [95% CI] (pairs) | Σ σ_g | DPSGD − SSGD Σ σ_g [95% CI] | Σ σ_w | final consensus distance |")
            line("|---|---|---|---|---|---|---|---|")
            for arm in study.learnerCountArms(learningRate: rate, totalBatch: total) {
                guard let r = study.reference(for: arm) else { continue }
                let g = study.paired(.measuredGap, arm, r), s = study.paired(.sharpness, arm, r)
                row(["\(arm.learners) × \(arm.batchSize)", study.convergenceText(arm), stat(study.statistics(.measuredGap, arm)), "\(g.text) (\(g.count))",
                     stat(study.statistics(.sharpness, arm)), s.text, stat(study.statistics(.size, arm)), stat(study.statistics(.consensusDistance, arm))])
            }
            line()
        }
        if !study.completeArms.isEmpty || !study.sgdArms.isEmpty {
            line("## Controls")
            line()
            for arm in study.completeArms {
                if let r = study.reference(for: arm) {
                    let same = study.identicalWeights(arm, r)
                    line("- \(arm): \(same.identical) of \(same.pairs) seeds have weights and loss histories identical in every value to \(r) "
                         + "(adapt-then-combine on the complete graph is SSGD; LearnerTests proves it bit for bit).")
                }
            }
            for arm in study.sgdArms {
                line("- \(arm) (the small-batch reference): gap \(stat(study.statistics(.measuredGap, arm))), Σ σ_g \(stat(study.statistics(.sharpness, arm))), "
                     + "Σ σ_w \(stat(study.statistics(.size, arm))), met the stop rule \(study.convergenceText(arm)).")
            }
            for arm in study.noiseArms {
                let d = LearnerArm(algorithm: .dpsgd, topology: .ring, learners: arm.learners, batchSize: arm.batchSize, learningRate: arm.learningRate)
                let consensus = study.runs(d).filter { !$0.isDiverged }.flatMap(\.training.consensusDistance)
                let meanConsensus = consensus.isEmpty ? "—" : f(consensus.reduce(0, +) / Double(consensus.count))
                line("- \(arm): E|ξ|² per learner per step = \(NumberFormat.compact(arm.learnerNoise)); ring DPSGD's consensus distance at this η "
                     + "averages \(meanConsensus) over its epochs (median \(median(consensus))).")
            }
            line()
        }
        let figures = FigureSet.plannedLearnerFigures(study)
        if !figures.isEmpty {
            line("## Figures")
            line()
            let captions = ["rates": "Gap, its sharp and flat parts, λ_max, the layer norm and the size vs the learning rate (SSGD, ring DPSGD, the SGD reference; mean ± sample std over seeds, open markers: fewer than half of the seeds met the stop rule)",
                            "learners": "The same vs the number of ring DPSGD learners at a fixed total batch; SSGD (which does not depend on n) as a band",
                            "spectra": "Sharpness spectrum σ_g,n and cumulative size spectrum per learning rate (SSGD dashed, DPSGD solid; converged seeds)",
                            "consensus": "Consensus distance (1/n) Σ_i |w_i − w̄|² over epochs (mean, band ± std over seeds)"]
            for name in figures {
                line("![\(name)](\(prefix)\(figureStem)-\(name).png)")
                line()
                line("*\(captions[name] ?? name).*")
                line()
            }
        }
        return md
    }

    /// Writes `REPORT.md` and the figures into `directory`; returns the files written.
    /// Refuses records that do not form one study (`LearnerStudy.validated`) before writing anything.
    public static func write(records: [RunRecord], directory: URL, figureStem: String, figures: Bool) throws -> [URL] {
        let study = try LearnerStudy.validated(records: records)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var files: [URL] = []
        if figures { files += try FigureSet.renderLearners(study, outputDirectory: directory, stem: figureStem) }
        let url = directory.appendingPathComponent("REPORT.md")
        do {
            try build(study: study, records: records, figureStem: figureStem, figuresDirectory: "").write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw AWError(.io, "cannot write \(url.path): \(error.localizedDescription)")
        }
        return files + [url]
    }
}
