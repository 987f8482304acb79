/// The duality analysis does not apply to this network, and nothing about the input is wrong: e.g.
/// every activity entering the analysed layer is zero (a dead layer after a too-large learning
/// rate), so no pair can be formed and the layer's Hessian is zero. The runner archives such a run
/// with its metrics and this reason (/metrics `analysis_skipped`) instead of failing it.
public struct AnalysisInapplicable: Error, CustomStringConvertible, Equatable, Sendable {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "analysis: " + reason }
}
