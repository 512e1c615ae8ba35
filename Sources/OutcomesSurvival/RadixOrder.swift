/// Stable least-significant-digit radix sort of row indices by 64-bit keys, 16 bits per pass; passes whose
/// digit is the same for every key are skipped. For a million rows this is several times faster than a
/// comparison sort, and the Cox fit sorts once per model.
enum RadixOrder {
    /// Indices `order` (a permutation of `0..<keys.count` or of the given `start`) stably sorted by `keys[index]`.
    static func sorted(_ keys: [UInt64], start: [Int]? = nil) -> [Int] {
        let n = keys.count
        var order = start ?? Array(0..<n)
        precondition(order.count == n, "RadixOrder sorts a permutation of every row")
        var buffer = [Int](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 1 << 16)
        keys.withUnsafeBufferPointer { keys in
            // Bits set in some key and clear in another: a digit without any is the same for every key.
            var anySet: UInt64 = 0, allSet: UInt64 = ~0
            for key in keys { anySet |= key; allSet &= key }
            let varying = anySet & ~allSet
            counts.withUnsafeMutableBufferPointer { counts in
                for shift in stride(from: 0, to: 64, by: 16) where (varying >> UInt64(shift)) & 0xFFFF != 0 {
                    for k in 0..<counts.count { counts[k] = 0 }
                    for key in keys { counts[Int((key >> UInt64(shift)) & 0xFFFF)] += 1 }
                    var total = 0
                    for k in 0..<counts.count { let c = counts[k]; counts[k] = total; total += c }
                    order.withUnsafeBufferPointer { order in
                        buffer.withUnsafeMutableBufferPointer { buffer in
                            for i in order {
                                let digit = Int((keys[i] >> UInt64(shift)) & 0xFFFF)
                                buffer[counts[digit]] = i
                                counts[digit] += 1
                            }
                        }
                    }
                    swap(&order, &buffer)
                }
            }
        }
        return order
    }

    /// A key whose unsigned order is the numeric order of a non-negative double (−0 is treated as 0).
    static func key(_ t: Double) -> UInt64 { t == 0 ? 0 : t.bitPattern }

    /// A key whose unsigned order is the numeric order of any finite double (−0 and 0 share a key).
    static func signedKey(_ x: Double) -> UInt64 {
        let bits = (x == 0 ? 0.0 : x).bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }
}
