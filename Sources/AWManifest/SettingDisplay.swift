/// How a setting is shown to readers: in figures (PLplot text escapes), in Markdown (Unicode), and
/// whether the paper plots it on a logarithmic axis. Part of the setting's row in
/// `ManifestSetting.all`; figures and the report take their axis labels from here.
public struct SettingDisplay: Sendable, Equatable, Hashable {
    /// What the setting is, in words ("batch size").
    public let name: String
    /// The symbol in PLplot escapes (#gy = eta, #gb = beta, #gr = rho), e.g. "B"; nil: none.
    public let plotSymbol: String?
    /// The symbol in Unicode, e.g. "η".
    public let textSymbol: String?
    /// The unit, when the setting has one (e.g. "epochs"); nil for pure numbers and counts.
    public let unit: String?
    /// Whether the paper plots the setting on a log axis.
    public let logAxis: Bool

    public init(_ name: String, plot: String? = nil, text: String? = nil, unit: String? = nil, logAxis: Bool = false) {
        self.name = name
        self.plotSymbol = plot
        self.textSymbol = text ?? plot
        self.unit = unit
        self.logAxis = logAxis
    }
}
