import AWCore

extension Double {
    /// log10 (through `Libm`), for axis and trend arithmetic.
    var log10Value: Double { Libm.log10(self) }
}
