import AWCore
// Range and consistency checks on a resolved configuration (the rules are the settings table's). Each problem is an `Issue` naming the
// key path, the offending value and what is allowed; the manifest loader maps key paths back to
// where a value came from (a section or a sweep entry) and adds the file.

extension RunConfiguration {
    /// One problem with a resolved configuration.
    public struct Issue: Sendable, Equatable, Hashable, CustomStringConvertible {
        /// Key path as in manifests, e.g. `training.batch_size` or `model.hidden[1]`.
        public let keyPath: String
        /// The offending value, as text.
        public let value: String
        /// The allowed values or range.
        public let allowed: String
        /// Why, when the limit depends on other settings (e.g. the training-set size).
        public let detail: String?
        /// The other settings (key paths) the limit depends on, e.g. `dataset.train_per_class` for the batch size.
        public let related: [String]

        public init(keyPath: String, value: String, allowed: String, detail: String? = nil, related: [String] = []) {
            self.keyPath = keyPath
            self.value = value
            self.allowed = allowed
            self.detail = detail
            self.related = related
        }

        public var description: String {
            "\(keyPath) = \(value): out of range; allowed \(allowed)" + (detail.map { " (\($0))" } ?? "")
        }
    }

    /// Every problem with this configuration (empty when it is valid): each setting checked by the
    /// rule of its row in `ManifestSetting.all`, in table order, then the run's memory estimate
    /// against the machine's (RunConfiguration+Cost).
    public func validationIssues() -> [Issue] {
        var issues = ManifestSetting.all.flatMap { $0.issues(in: self) }
        if replicate < 0 { issues.append(Issue(keyPath: "replicate", value: String(replicate), allowed: ">= 0")) }
        // The cost, once every setting is in range (so the estimate is of a run that could start).
        if issues.isEmpty, let memory = memoryIssue() { issues.append(memory) }
        return issues
    }

    /// Whether `validationIssues()` is empty.
    public var isValid: Bool { validationIssues().isEmpty }
}
