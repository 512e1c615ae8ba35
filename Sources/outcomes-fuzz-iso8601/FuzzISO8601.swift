// libFuzzer target for the ISO 8601 parser (see scripts/fuzz.sh).
// The parser reads exactly `size` bytes (the fuzzer's buffer has no terminator, so AddressSanitizer catches
// any read past the end). Every input must give seconds, malformed or impossible; an accepted time without an
// offset or fraction must format back to the same instant. A crash or a broken round trip is a bug.
import Foundation
import OutcomesTabular

func checkOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let result = ISO8601.parse(data, size)
    guard case .seconds(let seconds) = result else { return }
    precondition(seconds.isFinite, "an accepted time is not finite")
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    precondition(ISO8601.parse(text) == result, "the String and pointer parsers disagree on '\(text)'")
    let plain = text.count == 10 || (text.count == 19 && text.utf8.allSatisfy { $0 < 0x80 })
    if plain && seconds == seconds.rounded(.down) {
        let again = ISO8601.parse(ISO8601.formatDateTime(seconds))
        precondition(again == result, "'\(text)' does not survive formatting: \(ISO8601.formatDateTime(seconds))")
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    checkOneInput(data, size)
    return 0
}
#else
@main
struct FuzzISO8601Stub {
    /// Without -DFUZZING the target is a plain program that checks each command-line argument as a time.
    static func main() {
        for argument in CommandLine.arguments.dropFirst() {
            let bytes = Array(argument.utf8)
            bytes.withUnsafeBufferPointer { checkOneInput($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            print("ok \(argument): \(ISO8601.parse(argument))")
        }
    }
}
#endif
