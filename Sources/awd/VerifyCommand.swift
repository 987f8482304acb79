import AWArchive
import ArgumentParser
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check archives: schema, status, and the duality and decomposition identities.",
        discussion: "Exit status 0 when every archive passes, 1 when a check fails, 2 for a path that is not there or a bad option. Folders are searched for *.h5 files.")

    @Argument(help: "Archives or folders of archives.")
    var paths: [String]

    @Option(name: .long, parsing: .unconditional, help: "Relative tolerance of every numeric check for both float types (default: the report's rule, 1e-4 for float32 and 1e-9 for float64 runs).")
    var tolerance: Double?

    @Flag(name: .long, help: "List every check, not only failures.")
    var verbose = false

    func validate() throws {
        if let t = tolerance, !(t.isFinite && t > 0) {
            throw ValidationError("--tolerance \(t): must be a finite number > 0, e.g. 1e-6")
        }
    }

    func run() throws {
        try CommandSupport.guarded {
            var files: [String] = []
            for p in paths {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                    throw ArchiveError(path: p, reason: "no such file or folder")
                }
                if isDir.boolValue {
                    let names = (try FileManager.default.subpathsOfDirectory(atPath: p)).filter { $0.hasSuffix(".h5") }.sorted()
                    files += names.map { (p as NSString).appendingPathComponent($0) }
                } else {
                    files.append(p)
                }
            }
            let verifier = ArchiveVerifier(rule: tolerance.map(IdentityCheck.Rule.uniform) ?? .standard)
            var bad = 0
            for file in files {
                let checks = verifier.verify(path: file)
                let failed = checks.filter { !$0.passed }
                if !failed.isEmpty { bad += 1 }
                print("\(failed.isEmpty ? "ok  " : "FAIL") \(file) (\(checks.count - failed.count)/\(checks.count) checks)")
                for c in checks where verbose || !c.passed {
                    print("     \(c.passed ? "pass" : "FAIL") \(c.name): \(c.detail)")
                }
            }
            print("\(files.count - bad)/\(files.count) archives pass")
            if bad > 0 || files.isEmpty { throw ExitCode(1) }
        }
    }
}
