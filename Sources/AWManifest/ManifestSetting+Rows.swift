import AWCore

// How a row of the settings table is made from a stored property of RunConfiguration: one
// constructor per value type, each deriving the reader, the writer and the message text from the
// key path to the stored property.

extension ManifestSetting {
    typealias Property<Value> = WritableKeyPath<RunConfiguration, Value> & Sendable

    init(_ keyPath: String, _ type: ValueType, _ rule: SettingRule, summary: String, allowed: String,
         display: SettingDisplay, read: @escaping @Sendable (RunConfiguration) -> CanonicalJSON.Value,
         write: @escaping @Sendable (inout RunConfiguration, CanonicalJSON.Value) -> Void,
         text: @escaping @Sendable (RunConfiguration) -> String) {
        self.keyPath = keyPath
        self.type = type
        self.rule = rule
        self.summary = summary
        self.allowedText = allowed
        self.display = display
        self.read = read
        self.write = write
        self.text = text
    }

    /// A finite number (Double).
    static func number(_ keyPath: String, _ property: Property<Double>, _ bounds: NumberBounds, _ summary: String,
                       allowed: String? = nil, display: SettingDisplay) -> ManifestSetting {
        ManifestSetting(keyPath, .number, .number(bounds), summary: summary, allowed: allowed ?? bounds.text,
                        display: display,
                        read: { .double($0[keyPath: property]) },
                        write: { c, v in if let x = v.doubleValue { c[keyPath: property] = x } },
                        text: { $0[keyPath: property].description })
    }

    /// An integer; the manifest writes `stored + manifestOffset` (1-based layer numbers over 0-based indices).
    static func integer(_ keyPath: String, _ property: Property<Int>, manifestOffset: Int = 0, _ rule: SettingRule,
                        _ summary: String, allowed: String? = nil, display: SettingDisplay) -> ManifestSetting {
        var text = allowed
        if text == nil, case .integer(let min, _) = rule { text = ">= \(min)" }
        return ManifestSetting(keyPath, .integer, rule, summary: summary, allowed: text ?? "an integer", display: display,
                               read: { .int(Int64(manifestValue($0[keyPath: property], manifestOffset))) },
                               write: { c, v in if let i = v.intValue { c[keyPath: property] = storedValue(i, manifestOffset) } },
                               text: { String(manifestValue($0[keyPath: property], manifestOffset)) })
    }

    /// `stored + offset` and `manifest - offset`, saturating at the Int bounds (a hostile value never
    /// traps; it stays out of range and validation names it).
    static func manifestValue(_ stored: Int, _ offset: Int) -> Int {
        let (v, overflow) = stored.addingReportingOverflow(offset)
        return overflow ? (offset > 0 ? Int.max : Int.min) : v
    }

    static func storedValue(_ manifest: Int, _ offset: Int) -> Int {
        let (v, overflow) = manifest.subtractingReportingOverflow(offset)
        return overflow ? (offset > 0 ? Int.min : Int.max) : v
    }

    /// One of a `Choice` enum's spellings.
    static func choice<E: Choice>(_ keyPath: String, _ property: Property<E>, _ summary: String, allowed: String? = nil,
                                  display: SettingDisplay) -> ManifestSetting {
        ManifestSetting(keyPath, .choice(E.spellings), .any, summary: summary,
                        allowed: allowed ?? E.spellings.map { "`\($0)`" }.joined(separator: ", "), display: display,
                        read: { .string($0[keyPath: property].rawValue) },
                        write: { c, v in if let s = v.stringValue, let e = E(rawValue: s) { c[keyPath: property] = e } },
                        text: { $0[keyPath: property].rawValue })
    }

    static func boolean(_ keyPath: String, _ property: Property<Bool>, _ summary: String,
                        display: SettingDisplay) -> ManifestSetting {
        ManifestSetting(keyPath, .boolean, .any, summary: summary, allowed: "`true`, `false`", display: display,
                        read: { .bool($0[keyPath: property]) },
                        write: { c, v in if case .bool(let b) = v { c[keyPath: property] = b } },
                        text: { String($0[keyPath: property]) })
    }

    /// A non-empty list of integers, each >= `min`.
    static func integerList(_ keyPath: String, _ property: Property<[Int]>, min: Int, _ summary: String,
                            allowed: String, display: SettingDisplay) -> ManifestSetting {
        ManifestSetting(keyPath, .integerList, .integerList(min: min), summary: summary, allowed: allowed, display: display,
                        read: { .array($0[keyPath: property].map { .int(Int64($0)) }) },
                        write: { c, v in
                            if case .array(let a) = v {
                                let ints = a.compactMap(\.intValue)
                                if ints.count == a.count { c[keyPath: property] = ints }
                            }
                        },
                        text: { "\($0[keyPath: property])" })
    }
}
