import Testing
import OutcomesRandom
@testable import OutcomesReports

/// FIPS 180-4 example vectors.
@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Fed in pieces of awkward sizes (partial blocks before, across and after whole ones), the digest is the same.
    @Test func piecewiseUpdatesGiveTheSameDigest() {
        let bytes = [UInt8](repeating: 0x61, count: 1_000_000)
        var hasher = SHA256()
        var offset = 0, size = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + size)
            bytes[offset..<end].withUnsafeBytes { hasher.update($0) }
            offset = end
            size = size * 7 % 997 + 1
        }
        let hex = hasher.finalize().map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        #expect(hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The C compression with the x86 SHA extensions (where this machine has them) and the portable C path give
    /// the same digests for every length from 0 to 300 bytes and for 1 MB of random bytes.
    @Test func extensionsAndPortablePathAgree() {
        var random = SplitMix64(seed: 256)
        let bytes = (0..<1_000_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        for length in Array(0...300) + [bytes.count] {
            var fast = SHA256(), portable = SHA256(portable: true)
            bytes[0..<length].withUnsafeBytes { fast.update($0); portable.update($0) }
            #expect(fast.hexDigest() == portable.hexDigest(), "length \(length)")
        }
        print("SHA-256 extensions used on this machine: \(SHA256.usesProcessorExtensions)")
    }
}
