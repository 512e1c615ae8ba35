import Foundation
import Testing
@testable import OutcomesTabular

private let schema = CSVSchema([CSVColumn("id", .text)])

@Test func headerWiderThanTheLimitIsRefused() throws {
    let header = (0...CSVLimits.maximumColumns).map { "c\($0)" }.joined(separator: ",") + "\n"
    #expect(throws: CSVError.limitExceeded(file: "wide.csv", line: 1,
                                           what: "the header has more than \(CSVLimits.maximumColumns) columns (the reader's limit)")) {
        try CSVReader.read(bytes: Array(header.utf8), name: "wide.csv", schema: schema)
    }
    let atLimit = (0..<CSVLimits.maximumColumns).map { $0 == 0 ? "id" : "c\($0)" }.joined(separator: ",") + "\nx" + String(repeating: ",", count: CSVLimits.maximumColumns - 1) + "\n"
    #expect(try CSVReader.read(bytes: Array(atLimit.utf8), name: "ok.csv", schema: schema).rowCount == 1)
}

@Test func recordLongerThanTheLimitIsRefused() {
    // 17 fields just under the 1 MiB field limit: each field is fine, the record is not.
    let field = String(repeating: "a", count: 1_000_000)
    let text = "id,b\nx," + Array(repeating: field, count: 17).joined(separator: ",") + "\n"
    #expect {
        try CSVReader.read(bytes: Array(text.utf8), name: "long.csv", schema: schema)
    } throws: { error in
        (error as? CSVError) == .limitExceeded(file: "long.csv", line: 2, what: "a record longer than 16 MiB (the reader's limit per line)")
    }
}

@Test func fifoIsRefusedWithoutWaiting() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString).csv").path
    #expect(mkfifo(path, 0o600) == 0)
    defer { unlink(path) }
    #expect(throws: CSVError.cannotOpen(file: "x.csv", reason: "it is a FIFO (named pipe), not a regular file")) {
        try CSVReader.read(fileAt: path, schema: schema, name: "x.csv")
    }
    #expect(RegularFile.problem(path) == "cannot read '\(path)': it is a FIFO (named pipe), not a regular file")
}

@Test func ioErrorsAreOneSentenceNamingPathAndCause() {
    #expect(FileSystemErrorText.sentence("read", path: "/x/y.csv", errno: ENOENT) == "cannot read '/x/y.csv': it does not exist")
    #expect(FileSystemErrorText.sentence("write", path: "out", errno: ENOSPC) == "cannot write 'out': the disk is full")
    #expect(FileSystemErrorText.sentence("read", path: "a", errno: EACCES) == "cannot read 'a': permission denied")
    #expect(FileSystemErrorText.sentence("read", path: "a/b", errno: ENOTDIR) == "cannot read 'a/b': a part of the path is not a folder")
    let missing = "/nonexistent-\(UUID().uuidString)/file.yaml"
    do { _ = try String(contentsOfFile: missing, encoding: .utf8) } catch {
        #expect(FileSystemErrorText.sentence("read", path: missing, error: error) == "cannot read '\(missing)': it does not exist")
    }
    #expect(throws: CSVError.cannotOpen(file: "file.yaml", reason: "it does not exist")) {
        try CSVReader.read(fileAt: missing, schema: schema)
    }
}
