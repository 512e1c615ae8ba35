// libFuzzer target for the analysis-plan YAML reader (see scripts/fuzz.sh).
// Every input must end in a PlanError or a plan; a plan that is read must survive its own YAML round trip.
// A crash, a hang or a failed round trip is a bug.
import Foundation
import OutcomesClinical

func checkOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let plan = try? AnalysisPlan(yaml: text, file: "fuzz.yaml") else { return }
    let again: AnalysisPlan
    do { again = try AnalysisPlan(yaml: plan.yaml(), file: "round-trip.yaml") } catch {
        preconditionFailure("a plan that was read does not read back from its own YAML: \(error)")
    }
    precondition(again == plan, "the plan changed in its YAML round trip")
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    checkOneInput(data, size)
    return 0
}
#else
@main
struct FuzzPlanStub {
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
