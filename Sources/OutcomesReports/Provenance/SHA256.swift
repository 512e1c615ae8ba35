import CSHA256

/// SHA-256 (FIPS 180-4), for the provenance section: each input file's digest lets a reader confirm which data
/// a report was made from without the data leaving the practice. Whole blocks are compressed in C (with the x86
/// SHA extensions where the processor has them); padding and partial blocks are handled here.
struct SHA256 {
    private var state: [UInt32] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]
    private var pending: [UInt8] = []
    private var length: UInt64 = 0
    /// Compress with the portable C path only (tests compare it with the extensions).
    private let portable: Bool

    init(portable: Bool = false) { self.portable = portable }

    /// Whether whole blocks go through the SHA extensions on this machine.
    static var usesProcessorExtensions: Bool { outcomes_sha256_uses_extensions() != 0 }

    mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    /// Whole 64-byte blocks are compressed straight from the buffer; only a partial block is copied aside.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            offset = take
            guard pending.count == 64 else { return }
            let block = pending
            block.withUnsafeBytes { compress($0, from: 0, blocks: 1) }
            pending.removeAll(keepingCapacity: true)
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 { compress(bytes, from: offset, blocks: blocks) }
        offset += blocks * 64
        if offset < bytes.count { pending.append(contentsOf: bytes[offset...]) }
    }

    mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = pending + [0x80]
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBytes { compress($0, from: 0, blocks: $0.count / 64) }
        return state.flatMap { word in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> UInt32($0)) } }
    }

    static func hex<Bytes: Sequence>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.hexDigest()
    }

    static func hex(of bytes: UnsafeRawBufferPointer) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.hexDigest()
    }

    mutating func hexDigest() -> String {
        let hexDigits = Array("0123456789abcdef")
        return String(finalize().flatMap { [hexDigits[Int($0 >> 4)], hexDigits[Int($0 & 15)]] })
    }

    private mutating func compress(_ bytes: UnsafeRawBufferPointer, from offset: Int, blocks: Int) {
        guard blocks > 0, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let portable = self.portable
        state.withUnsafeMutableBufferPointer { s in
            if portable { outcomes_sha256_blocks_portable(s.baseAddress, base + offset, blocks) }
            else { outcomes_sha256_blocks(s.baseAddress, base + offset, blocks) }
        }
    }
}
