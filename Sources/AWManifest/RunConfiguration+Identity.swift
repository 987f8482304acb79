import AWCore

extension RunConfiguration {
    /// The configuration as a canonical JSON value: `{section: {key: value}}` for every row of
    /// `ManifestSetting.all` (a row added later only when it differs from its default), plus
    /// `seed` and `replicate`.
    public func canonicalValue() -> CanonicalJSON.Value {
        var sections: [String: [String: CanonicalJSON.Value]] = [:]
        for setting in ManifestSetting.all {
            let value = setting.value(in: self)
            if setting.omittedAtDefault && value == setting.defaultValue { continue }
            sections[setting.section, default: [:]][setting.key] = value
        }
        var root = sections.mapValues { CanonicalJSON.Value.object($0) }
        root["seed"] = .uint(seed)
        root["replicate"] = .int(Int64(replicate))
        return .object(root)
    }

    /// Canonical JSON: sorted keys, no whitespace, integers as integers, doubles in Swift's shortest
    /// round-trip form. Throws only when a number is NaN or infinite (validation refuses those).
    public func canonicalJSON() throws -> String {
        try canonicalValue().canonical()
    }

    /// Full lower-case hex SHA-256 of `canonicalJSON()`.
    public func configSHA256() throws -> String {
        SHA256.hex(try canonicalJSON())
    }

    /// The run id: the first 16 hex characters of `configSHA256()`.
    public func runID() throws -> String {
        String(try configSHA256().prefix(RunConfiguration.runIDLength))
    }

    /// The canonical JSON, its digest and the run id, computed once.
    public func identity() throws -> Identity {
        let json = try canonicalJSON()
        let sha = SHA256.hex(json)
        return Identity(canonicalJSON: json, configSHA256: sha, runID: String(sha.prefix(RunConfiguration.runIDLength)))
    }

    public static let runIDLength = 16

    public struct Identity: Sendable, Equatable, Hashable {
        public let canonicalJSON: String
        public let configSHA256: String
        public let runID: String
    }

    /// Reads a configuration back from its canonical JSON (or any JSON object of the same shape):
    /// each known key is set through its row of the settings table; a missing key keeps its
    /// default, so a configuration archived before a setting existed still reads.
    /// - Throws: `AWError(.invalidInput)` naming the key whose value has the wrong type or is unknown.
    public init(canonicalJSON text: String) throws {
        self.init()
        guard case .object(let root) = try CanonicalJSON.parse(text) else {
            throw AWError(.invalidInput, "configuration JSON: expected an object")
        }
        for (name, value) in root {
            switch name {
            case "seed":
                switch value {
                case .uint(let u): seed = u
                case .int(let i) where i >= 0: seed = UInt64(i)
                default: throw AWError(.invalidInput, "configuration JSON: seed = \(value): expected an integer in 0...\(UInt64.max)")
                }
            case "replicate":
                guard let r = value.intValue else { throw AWError(.invalidInput, "configuration JSON: replicate = \(value): expected an integer") }
                replicate = r
            default:
                guard ManifestSetting.sections.contains(name), case .object(let entries) = value else {
                    throw AWError(.invalidInput, "configuration JSON: unknown key \(name); allowed: "
                                  + (ManifestSetting.sections + ["seed", "replicate"]).joined(separator: ", "))
                }
                for (key, v) in entries {
                    let path = "\(name).\(key)"
                    guard let setting = ManifestSetting.named(path) else {
                        throw AWError(.invalidInput, "configuration JSON: unknown setting \(path)")
                    }
                    guard setting.type.admits(v) else {
                        throw AWError(.invalidInput, "configuration JSON: \(path) = \(v): expected \(setting.type.expected)")
                    }
                    setting.apply(v, to: &self)
                }
            }
        }
    }
}

extension ManifestSetting.ValueType {
    /// Whether `value` is a value of this type (numbers admit integers).
    func admits(_ value: CanonicalJSON.Value) -> Bool {
        switch (self, value) {
        case (.integer, _): return value.intValue != nil
        case (.number, _): return value.doubleValue.map(\.isFinite) ?? false
        case (.boolean, .bool): return true
        case (.choice(let names), .string(let s)): return names.contains(s)
        case (.integerList, .array(let a)): return a.allSatisfy { $0.intValue != nil }
        default: return false
        }
    }
}
