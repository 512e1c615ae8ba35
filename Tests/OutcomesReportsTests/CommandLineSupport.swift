import Foundation

/// The built `outcomes` executable beside the test bundle (swift build --build-tests builds it), or nil.
let outcomesExecutable: URL? = {
    let folder = Bundle.module.bundleURL.deletingLastPathComponent()
    let url = folder.appendingPathComponent("outcomes")
    return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
}()

/// Runs `outcomes` with `arguments` and `input` on standard input, in `directory` when given; the status and both outputs.
func runOutcomes(_ arguments: [String], input: String = "", directory: URL? = nil) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = outcomesExecutable!
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile(), err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}
