import AWCore
import AWTestSupport
import Foundation
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    @Test("FIPS 180-4 / NIST standard vectors")
    func standardVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test("one million 'a'")
    func millionA() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(bytes: bytes) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("digest is 32 bytes and hex is its lower-case encoding")
    func digestShape() {
        let d = SHA256.digest(Array("abc".utf8))
        #expect(d.count == 32)
        #expect(d.prefix(4) == [0xba, 0x78, 0x16, 0xbf])
        let hex = SHA256.hex("abc")
        #expect(hex.count == 64)
        #expect(hex.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test("agrees with sha256sum on files around the padding boundaries and a large one",
          arguments: [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 100_003])
    func agreesWithSha256sum(length: Int) throws {
        let tool = ["/usr/bin/sha256sum", "/bin/sha256sum"].first { FileManager.default.isExecutableFile(atPath: $0) }
        try #require(tool != nil, "sha256sum (coreutils) is needed for this check")
        var rng = SeededGenerator(seed: UInt64(length) &+ 7)
        let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let dir = try TestSupport.dataTemporaryDirectory("sha256")
        defer { TestSupport.removeDirectory(dir) }
        let path = dir + "/blob.bin"
        try TestSupport.writeBytes(bytes, to: path)
        let output = try TestSupport.standardOutput(of: tool!, [path])
        let expected = String(output.prefix(64))
        #expect(expected.count == 64)
        #expect(SHA256.hex(bytes: bytes) == expected)
    }

    @Test("a one-bit change changes the digest")
    func avalanche() {
        var bytes = Array("activity-weight duality".utf8)
        let a = SHA256.digest(bytes)
        bytes[0] ^= 1
        let b = SHA256.digest(bytes)
        let differingBits = zip(a, b).map { ($0 ^ $1).nonzeroBitCount }.reduce(0, +)
        #expect(differingBits > 80 && differingBits < 176)
    }
}
