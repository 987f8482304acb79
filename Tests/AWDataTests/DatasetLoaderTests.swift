import AWCore
import AWData
import AWLinearAlgebra
import AWTestSupport
import Foundation
import Testing

@Suite("Dataset loading (real data)")
struct DatasetLoaderTests {
    @Test("MNIST train: 60000 images of 784 pixels in [0, 1], first labels, pixel mean 33.318/255")
    func mnistTrain() throws {
        let train = try RealData.mnistTrain()
        #expect(train.name == "mnist" && train.split == .train)
        #expect(train.count == 60000)
        #expect(train.images.rows == 60000 && train.images.cols == 784)
        #expect(Array(train.labels.prefix(10)) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        #expect(train.sourceIndices == Array(0..<60000))
        #expect(train.cleanMask.allSatisfy { $0 } && train.originalLabels == train.labels)
        var sum = 0.0, lo: Float = 1, hi: Float = 0
        train.images.data.withUnsafeBufferPointer { p in
            for v in p { sum += Double(v); lo = min(lo, v); hi = max(hi, v) }
        }
        #expect(lo == 0 && hi == 1)
        let mean = sum / Double(train.images.count)
        #expect(abs(mean - 33.318 / 255) < 1e-3, "pixel mean \(mean * 255) / 255")
        // Standard class counts of the MNIST training split.
        #expect(train.classCounts == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
    }

    @Test("MNIST pixels are the file's bytes / 255")
    func pixelScaling() throws {
        let test = try RealData.mnistTest()
        let file = try IDXFile.read(path: RealData.mnistPath(.test, .images))
        for i in [0, 1, 200, 201, 7_839_999, 5_000_123] {
            #expect(test.images.data[i] == Float(file.bytes[i]) / 255)
        }
    }

    @Test("MNIST test: 10000 images, first labels")
    func mnistTest() throws {
        let test = try RealData.mnistTest()
        #expect(test.count == 10000 && test.split == .test)
        #expect(test.images.rows == 10000 && test.images.cols == 784)
        #expect(Array(test.labels.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    }

    @Test("Fashion-MNIST (.gz): 60000 / 10000 images, 6000 / 1000 per class")
    func fashion() throws {
        let train = try RealData.load(.fashionMNIST, .train)
        let test = try DatasetLoader.load(name: "fashion-mnist", split: .test,
                                          directory: RealData.location(.fashionMNIST).directory)
        #expect(train.count == 60000 && test.count == 10000)
        #expect(train.images.cols == 784 && test.images.cols == 784)
        #expect(train.classCounts == [Int](repeating: 6000, count: 10))
        #expect(test.classCounts == [Int](repeating: 1000, count: 10))
        #expect(train.name == "fashion-mnist")
        // Standard first labels of Fashion-MNIST (9 ankle boot, 0 T-shirt, ...).
        #expect(Array(train.labels.prefix(5)) == [9, 0, 0, 3, 0])
        #expect(Array(test.labels.prefix(5)) == [9, 2, 1, 1, 6])
    }

    @Test("the same data loads from raw, dotted and .gz names")
    func nameVariants() throws {
        let dir = try TestSupport.dataTemporaryDirectory("names")
        defer { TestSupport.removeDirectory(dir) }
        let images = try IDXFile.read(path: RealData.mnistPath(.test, .images))
        let labels = try IDXFile.read(path: RealData.mnistPath(.test, .labels))
        // Dotted names, gzip-compressed (as in some distributions).
        try images.write(to: dir + "/t10k-images.idx3-ubyte.gz", gzip: true)
        try labels.write(to: dir + "/t10k-labels.idx1-ubyte.gz", gzip: true)
        let fromGz = try DatasetLoader.load(name: "mnist", split: .test, directory: dir)
        #expect(fromGz == (try RealData.mnistTest()))
        // A raw file with the standard name is preferred over the .gz one.
        try labels.write(to: dir + "/t10k-labels-idx1-ubyte")
        #expect(try DatasetLoader.findFile(split: .test, kind: .labels, in: DataLocation(dataset: .mnist, directory: dir, source: .argument))
                == dir + "/t10k-labels-idx1-ubyte")
        #expect(DatasetLoader.candidateFileNames(split: .train, kind: .images)
                == ["train-images-idx3-ubyte", "train-images.idx3-ubyte", "train-images-idx3-ubyte.gz", "train-images.idx3-ubyte.gz"])
    }

    @Test("missing files: the error names the file, the folder and how to get the data")
    func missingFiles() throws {
        let dir = try TestSupport.dataTemporaryDirectory("missing")
        defer { TestSupport.removeDirectory(dir) }
        let error = #expect(throws: AWError.self) { try DatasetLoader.load(name: "mnist", split: .train, directory: dir) }
        let message = error?.message ?? ""
        #expect(message.contains("train-images-idx3-ubyte is missing in \(dir)"))
        #expect(message.contains("make data") && message.contains("scripts/fetch-data.sh") && message.contains("AWD_DATA_DIR"))
        // Labels missing while images are present.
        try IDXFile.read(path: RealData.mnistPath(.test, .images)).write(to: dir + "/t10k-images-idx3-ubyte")
        let e2 = #expect(throws: AWError.self) { try DatasetLoader.load(name: "mnist", split: .test, directory: dir) }
        #expect(e2?.message.contains("t10k-labels-idx1-ubyte is missing in \(dir)") == true)
        // A folder that does not exist.
        let e3 = #expect(throws: AWError.self) { try DatasetLoader.load(.mnist, split: .test, directory: dir + "/nope") }
        #expect(e3?.message.contains("does not exist") == true)
    }

    @Test("unknown dataset name")
    func unknownName() {
        let error = #expect(throws: AWError.self) { try DatasetLoader.load(name: "cifar10", split: .train) }
        #expect(error?.message == "unknown dataset \"cifar10\": expected one of \"mnist\", \"fashion-mnist\"")
    }

    @Test("inconsistent files: image size, counts, label values")
    func inconsistentFiles() throws {
        let dir = try TestSupport.dataTemporaryDirectory("inconsistent")
        defer { TestSupport.removeDirectory(dir) }
        let images = try IDXFile.read(path: RealData.mnistPath(.test, .images))
        let labels = try IDXFile.read(path: RealData.mnistPath(.test, .labels))
        // 10000 images of 784x1 pixels: a valid IDX file, but not 28x28.
        try IDXFile(path: "", kind: .images, dimensions: [10000, 784, 1], bytes: images.bytes).write(to: dir + "/t10k-images-idx3-ubyte")
        try labels.write(to: dir + "/t10k-labels-idx1-ubyte")
        let e1 = #expect(throws: AWError.self) { try DatasetLoader.load(.mnist, split: .test, directory: dir) }
        #expect(e1?.message.contains("images are 784x1 pixels, expected 28x28") == true)
        // 10000 images but 9999 labels.
        try images.write(to: dir + "/t10k-images-idx3-ubyte")
        try IDXFile(path: "", kind: .labels, dimensions: [9999], bytes: Array(labels.bytes.prefix(9999))).write(to: dir + "/t10k-labels-idx1-ubyte")
        let e2 = #expect(throws: AWError.self) { try DatasetLoader.load(.mnist, split: .test, directory: dir) }
        #expect(e2?.message.contains("t10k-images-idx3-ubyte has 10000 images but \(dir)/t10k-labels-idx1-ubyte has 9999 labels") == true)
        // A label outside 0...9.
        var bad = labels.bytes
        bad[17] = 12
        try IDXFile(path: "", kind: .labels, dimensions: [10000], bytes: bad).write(to: dir + "/t10k-labels-idx1-ubyte")
        let e3 = #expect(throws: AWError.self) { try DatasetLoader.load(.mnist, split: .test, directory: dir) }
        #expect(e3?.message.contains("label 12 at index 17 is outside 0...9") == true)
    }
}

@Suite("Data location")
struct DataLocationTests {
    @Test("explicit folder > AWD_DATA_DIR > <repository>/data/<name>")
    func precedence() throws {
        let env = ["AWD_DATA_DIR": "/env/data"]
        let a = DataLocation.resolve(.mnist, explicit: "/explicit", environment: env, repositoryRoot: "/repo")
        #expect(a.directory == "/explicit" && a.source == .argument)
        let b = DataLocation.resolve(.mnist, explicit: nil, environment: env, repositoryRoot: "/repo")
        #expect(b.directory == "/env/data" && b.source == .environment)
        let c = DataLocation.resolve(.fashionMNIST, explicit: nil, environment: [:], repositoryRoot: "/repo")
        #expect(c.directory == "/repo/data/fashion-mnist" && c.source == .repository)
        let d = DataLocation.resolve(.mnist, explicit: "", environment: ["AWD_DATA_DIR": ""], repositoryRoot: "/repo/")
        #expect(d.directory == "/repo/data/mnist")
    }

    @Test("a folder with per-dataset subfolders resolves to the subfolder")
    func subfolders() throws {
        let dir = try TestSupport.dataTemporaryDirectory("location")
        defer { TestSupport.removeDirectory(dir) }
        try FileManager.default.createDirectory(atPath: dir + "/fashion-mnist", withIntermediateDirectories: true)
        #expect(DataLocation.resolve(.fashionMNIST, explicit: dir).directory == dir + "/fashion-mnist")
        #expect(DataLocation.resolve(.mnist, explicit: dir).directory == dir)
        #expect(DataLocation.resolve(.fashionMNIST, environment: ["AWD_DATA_DIR": dir]).directory == dir + "/fashion-mnist")
    }

    @Test("the repository root is found from a subfolder")
    func repositoryRoot() {
        #expect(DataLocation.findRepositoryRoot(from: TestSupport.repositoryRoot + "/Sources/AWData") == TestSupport.repositoryRoot)
        #expect(DataLocation.findRepositoryRoot(from: "/") == nil)
    }
}
