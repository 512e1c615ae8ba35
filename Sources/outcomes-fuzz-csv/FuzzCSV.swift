// libFuzzer target for the CSV reader and the dataset schema (see scripts/fuzz-csv.sh).
// Every input must end in a typed error or a table whose accounting adds up; a crash, a hang or a
// mismatch in the accounting is a bug.
import OutcomesClinical
import OutcomesTabular

/// Reads `data` as an assessments file (typed schema, small chunks so chunk boundaries are exercised)
/// and as an arbitrary CSV, checking the row accounting of both.
func checkOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let table = try? CSVReader.read(bytes: bytes, name: "fuzz.csv", schema: DatasetSchemas.assessments, chunkBytes: 7) {
        let a = table.accounting
        precondition(a.accepted + a.rejected == a.rowsRead, "accounting does not add up: \(a)")
        precondition(table.rowCount == a.accepted, "accepted rows \(a.accepted) but \(table.rowCount) in the table")
    }
    if let any = try? CSVReader.readAny(bytes: bytes, name: "fuzz.csv") {
        precondition(any.accounting.accepted + any.accounting.rejected == any.accounting.rowsRead, "accounting does not add up")
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
struct FuzzCSVStub {
    /// Without -DFUZZING the target is a plain program that checks the files named on its command line.
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let fileBytes = try? readAllBytes(path) else { print("cannot read \(path)"); continue }
            fileBytes.withUnsafeBufferPointer { checkOneInput($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            print("ok \(path)")
        }
    }
}
#endif
