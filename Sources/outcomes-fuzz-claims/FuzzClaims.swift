// libFuzzer target for the claims YAML reader (see scripts/fuzz.sh).
// Every input must end in a ClaimsFileError or a list of claims with distinct ids; a crash or a hang is a bug.
import Foundation
import OutcomesClinical

func checkOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let claims = try? ClaimsFile.parse(text, file: "fuzz.yaml") else { return }
    precondition(Set(claims.map(\.id)).count == claims.count, "duplicate claim ids were accepted")
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    checkOneInput(data, size)
    return 0
}
#else
@main
struct FuzzClaimsStub {
    /// Without -DFUZZING the target is a plain program that checks the files named on its command line.
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); continue }
            let bytes = [UInt8](data)
            bytes.withUnsafeBufferPointer { checkOneInput($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            print("ok \(path)")
        }
    }
}
#endif
