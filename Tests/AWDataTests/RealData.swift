import AWCore
import AWData
import AWTestSupport

/// The real datasets, found through `DataLocation` (AWD_DATA_DIR, else <repository>/data/<name>, filled by
/// `make data`), each loaded once per test process and shared by the tests.
enum RealData {
    static func location(_ dataset: DatasetName) -> DataLocation {
        DataLocation.resolve(dataset, repositoryRoot: TestSupport.repositoryRoot)
    }

    static func load(_ dataset: DatasetName, _ split: DatasetSplit) throws -> Dataset {
        try DatasetLoader.load(dataset, split: split, location: location(dataset))
    }

    private static let mnistTrainResult = Result { try load(.mnist, .train) }
    private static let mnistTestResult = Result { try load(.mnist, .test) }

    static func mnistTrain() throws -> Dataset { try mnistTrainResult.get() }
    static func mnistTest() throws -> Dataset { try mnistTestResult.get() }

    /// Path of one real MNIST file (raw, as fetched), or the error saying where it was looked for.
    static func mnistPath(_ split: DatasetSplit, _ kind: IDXFile.Kind) throws -> String {
        try DatasetLoader.findFile(split: split, kind: kind, in: location(.mnist))
    }
}
