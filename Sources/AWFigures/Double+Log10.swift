import Foundation

extension Double {
    /// log10 through Foundation (kept in one place so call sites stay free of `import Foundation`).
    var log10Value: Double { Foundation.log10(self) }
}
