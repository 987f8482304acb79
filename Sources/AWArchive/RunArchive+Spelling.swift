import AWAnalysis
import AWCore
import AWHDF5
import Foundation

extension RunArchive {
    /// The value of a string attribute that names one of a fixed set of choices. An unknown
    /// spelling throws `ArchiveError` naming the file, the attribute, the value and the allowed spellings.
    static func choice<C: RawRepresentable & CaseIterable>(_: C.Type, _ object: H5Object, _ attribute: String,
                                                           path: String) throws -> C where C.RawValue == String {
        let text = try object.stringAttribute(attribute)
        guard let value = C(rawValue: text) else {
            throw unknownSpelling(path: path, attribute: object.attributePath(attribute), value: text,
                                  allowed: C.allCases.map(\.rawValue))
        }
        return value
    }

    static func unknownSpelling(path: String, attribute: String, value: String, allowed: [String]) -> ArchiveError {
        ArchiveError(path: path, reason: "attribute \(attribute) is \"\(value)\"; allowed: "
                     + allowed.map { "\"\($0)\"" }.joined(separator: ", "))
    }

    /// `/analysis density_method` with its SLQ attributes. Archives written before these
    /// attributes existed get the method their analysis used: `dense` -> the exact eigenvalue
    /// measure; `lanczos` -> SLQ with `analysis.slq_probes` / `slq_steps` of the archived
    /// configuration (none when that says 0 probes or the density is empty).
    static func densityMethod(_ g: H5Group, eigenMethod: EigenMethod, config: String, nodes: [Double],
                              path: String) throws -> DensityMethod {
        guard try g.hasAttribute("density_method") else {
            switch eigenMethod {
            case .dense: return nodes.isEmpty ? .none : .eigenvalues
            case .lanczos:
                let (probes, steps) = slqSettings(config: config)
                guard let probes, let steps, probes > 0, !nodes.isEmpty else { return .none }
                return .slq(probes: probes, steps: steps)
            }
        }
        let name = try g.stringAttribute("density_method")
        switch name {
        case DensityMethod.none.name: return .none
        case DensityMethod.eigenvalues.name: return .eigenvalues
        case "slq":
            return .slq(probes: Int(try g.int64Attribute("density_slq_probes")), steps: Int(try g.int64Attribute("density_slq_steps")))
        default:
            throw unknownSpelling(path: path, attribute: g.attributePath("density_method"), value: name, allowed: DensityMethod.names)
        }
    }

    /// `analysis.slq_probes` and `analysis.slq_steps` of a configuration JSON (nil when absent).
    static func slqSettings(config: String) -> (probes: Int?, steps: Int?) {
        guard case .object(let root)? = try? CanonicalJSON.parse(config),
              case .object(let analysis)? = root["analysis"] else { return (nil, nil) }
        return (analysis["slq_probes"]?.intValue, analysis["slq_steps"]?.intValue)
    }

    /// The root attribute `swept`: a JSON object of key path -> value.
    static func sweptValues(_ text: String, path: String) throws -> [String: CanonicalJSON.Value] {
        guard case .object(let object)? = try? CanonicalJSON.parse(text) else {
            throw ArchiveError(path: path, reason: "attribute /swept is not a JSON object: \(text.prefix(80))")
        }
        return object
    }
}

extension H5Object {
    /// "/analysis/pairing" style name of an attribute of this object, for messages.
    func attributePath(_ attribute: String) -> String {
        (path.hasSuffix("/") ? path : path + "/") + attribute
    }
}
