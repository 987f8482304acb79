import AWCore
import AWLinearAlgebra
import AWNetwork

/// Runs the whole duality analysis of PAPER.md sections 2-5 for one trained network, as a sequence
/// of steps that each return a value: forward passes and metrics -> pairs -> dual weights (+ duality
/// check) -> layer Hessian -> eigenbasis -> decomposition -> spectral density. All arithmetic in
/// Double (Float models and data are promoted exactly). Reads and writes no files.
public struct DualityAnalyzer: Sendable {
    public var config: AnalysisConfig

    public init(config: AnalysisConfig = AnalysisConfig()) { self.config = config }

    /// Largest layer (weights) the dense path accepts whatever `denseThreshold` says (H takes P^2 Doubles:
    /// 3.2 GB at 20,000; dsyevd there takes many minutes).
    public static let denseLimit = 20_000

    /// Analyse `model` on the training rows `train` (noisy rows are excluded from the training loss,
    /// the Hessian and the pairing) and the test rows `test`.
    public func analyze<T: BLASScalar>(model: MLP<T>, train: AnalysisSamples<T>, test: AnalysisSamples<T>) throws -> DualityAnalysis {
        var clock = StageClock()
        var timings = AnalysisTimings()
        try config.validate()
        try Self.checkInputs(model: model, train: train, test: test, layer: config.layer)

        let forward = Self.forward(model: model, train: train, test: test, loss: config.loss)
        let metrics = NetworkMetrics.evaluate(forward, layer: config.layer)
        timings.forward = clock.lap()
        let pairs = try self.pairs(train: train, test: test, forward: forward)
        timings.pairing = clock.lap()
        let duals = self.dualWeights(forward: forward, pairs: pairs)
        timings.dualWeights = clock.lap()
        let hessian = try self.hessian(forward: forward)
        timings.hessian = clock.lap()
        let eigenbasis = try self.eigenbasis(of: hessian)
        timings.eigen = clock.lap()
        let decomposition = self.decomposition(duals: duals, eigenbasis: eigenbasis)
        timings.decomposition = clock.lap()
        let density = try self.spectralDensity(hessian: hessian, eigenbasis: eigenbasis)
        timings.density = clock.lap()
        timings.total = clock.total()

        return DualityAnalysis(config: config, forward: forward, metrics: metrics, pairs: pairs, duals: duals,
                               eigenbasis: eigenbasis, decomposition: decomposition, density: density,
                               hessianVectorMethod: hessian.hessianOperator?.method ?? density.hessianVectorMethod,
                               timings: timings)
    }
}
