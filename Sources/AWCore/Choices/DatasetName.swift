
/// The datasets the pipeline knows (`dataset.name`) (both 28x28 grey images in 10 classes, IDX format).
public enum DatasetName: String, Choice {
    case mnist
    case fashionMNIST = "fashion-mnist"

    /// Parses a dataset name as written in manifests and on the command line.
    public init(parsing text: String) throws {
        guard let name = DatasetName(rawValue: text.lowercased()) else {
            let allowed = DatasetName.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw AWError(.invalidInput, "unknown dataset \"\(text)\": expected one of \(allowed)")
        }
        self = name
    }

    public static let imageRows = 28
    public static let imageCols = 28
    public static let classCount = 10
}
