/// A setting with a fixed set of values, each spelled as manifests, canonical JSON and archives
/// spell it (`rawValue`). The engine modules use these enums directly (their behaviour lives in
/// extensions there: `Activation+Apply` in AWNetwork, ...), so each choice exists once.
public protocol Choice: RawRepresentable, CaseIterable, Sendable, Hashable, Codable where RawValue == String {}

extension Choice {
    /// Every spelling, in declaration order.
    public static var spellings: [String] { allCases.map(\.rawValue) }
}
