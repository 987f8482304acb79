import Testing
@testable import AWCore

@Suite struct NumberTextTests {
    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (-1234567, "-1,234,567"),
                      (Int.max, "9,223,372,036,854,775,807"), (Int.min, "-9,223,372,036,854,775,808")])
    func grouped(_ n: Int, _ text: String) { #expect(NumberText.grouped(n) == text) }

    @Test(arguments: [(512.0, "512 bytes"), (1000.0, "1.00 kB"), (25.3e9, "25.3 GB"), (3.2e9, "3.20 GB"),
                      (175e12, "175 TB"), (1e24, "1000000 EB")])
    func bytes(_ n: Double, _ text: String) { #expect(NumberText.bytes(n) == text) }

    @Test func saturatingArithmeticNeverTraps() {
        #expect(Int(saturating: 1e300) == .max)
        #expect(Int(saturating: -1e300) == .min)
        #expect(Int(saturating: .nan) == 0)
        #expect(Int(saturating: 12.9) == 12)
        #expect(Int.max.saturatingMultiplied(by: 10) == .max)
        #expect(Int.max.saturatingMultiplied(by: -10) == .min)
        #expect(4_000_000_000.saturatingMultiplied(by: 4_000_000_000) == .max)
        #expect(Int.max.saturatingAdding(1) == .max)
        #expect(Int.min.saturatingAdding(-1) == .min)
        #expect(6.saturatingMultiplied(by: 7) == 42)
    }
}
