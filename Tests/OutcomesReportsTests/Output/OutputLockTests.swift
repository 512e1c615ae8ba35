import Foundation
import Testing
@testable import OutcomesReports

private func scratch() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("output-lock-\(UUID().uuidString)")
}

@Test func secondWriterWaitsWithAMessageThenWrites() throws {
    let parent = scratch()
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("OUT").path
    let first = try OutputLock.acquire(forOutput: out, noWait: false)
    let messages = Mutex()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        do {
            let second = try OutputLock.acquire(forOutput: out, noWait: false, onMessage: { messages.append($0) })
            try OutputFolder.write([("b.csv", "2\n")], to: out, lock: second)
            second.release()
        } catch { messages.append("failed: \(error)") }
        done.signal()
    }
    let deadline = Date().addingTimeInterval(30)
    while messages.all.isEmpty && Date() < deadline { usleep(1000) }
    #expect(messages.all.first?.hasPrefix("waiting for another run to finish writing") == true)
    #expect(messages.all.first?.contains("pid \(getpid())") == true)
    #expect(!FileManager.default.fileExists(atPath: out))   // still waiting
    first.release()
    #expect(done.wait(timeout: .now() + 30) == .success)
    #expect(messages.all.count == 1, "\(messages.all)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [OutputFolder.markerName, "b.csv"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["OUT"])   // lock file removed
}

@Test func noWaitRefusesWhileHeld() throws {
    let parent = scratch()
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("OUT").path
    let first = try OutputLock.acquire(forOutput: out, noWait: true)
    defer { first.release() }
    #expect {
        try OutputLock.acquire(forOutput: out, noWait: true)
    } throws: { error in
        let text = "\(error)"
        return text.contains("being written by another run") && text.contains("pid \(getpid())") && text.contains("--no-wait")
    }
}

@Test func symlinkedOutputIsFollowedAndKept() throws {
    let parent = scratch()
    defer { try? FileManager.default.removeItem(at: parent) }
    let target = parent.appendingPathComponent("real/target").path
    try OutputFolder.write([("a.csv", "1\n")], to: target)
    let link = parent.appendingPathComponent("link").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    try OutputFolder.write([("b.csv", "2\n")], to: link)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)   // still a link
    #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == [OutputFolder.markerName, "b.csv"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.appendingPathComponent("real").path) == ["target"])
}

@Test func danglingSymlinkIsRefusedClearly() throws {
    let parent = scratch()
    defer { try? FileManager.default.removeItem(at: parent) }
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    let link = parent.appendingPathComponent("link").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: parent.appendingPathComponent("nowhere").path)
    #expect {
        try OutputFolder.write([("a.csv", "1\n")], to: link)
    } throws: { error in
        "\(error)".contains("is a symbolic link to") && "\(error)".contains("does not exist")
    }
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link).hasSuffix("nowhere"))
}

@Test func debrisOfCrashedRunsIsRemovedButOthersFoldersAreKept() throws {
    let parent = scratch()
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("OUT").path
    try OutputFolder.write([("a.csv", "1\n")], to: out)
    let fm = FileManager.default
    // An old-protocol copy (marker), an unfinished staging copy (tag), an empty one, and a stranger's folder.
    for (name, files) in [(".OUT.old-99991", [OutputFolder.markerName, "a.csv"]), (".OUT.partial-99992", [OutputFolder.stagingTagName, "x.csv"]),
                          (".OUT.partial-99993", []), (".OUT.partial-99994", ["notes.txt"])] {
        try fm.createDirectory(atPath: parent.path + "/" + name, withIntermediateDirectories: true)
        for f in files { try Data("x\n".utf8).write(to: URL(fileURLWithPath: parent.path + "/" + name + "/" + f)) }
    }
    var notes: [String] = []
    try OutputLock.acquire(forOutput: out, noWait: true, onMessage: { notes.append($0) }).release()
    #expect(try fm.contentsOfDirectory(atPath: parent.path).sorted() == [".OUT.partial-99994", "OUT"])
    #expect(notes == ["note: removed 3 copies left beside '\(out)' by an interrupted run"])
}

@Test func missingOutputIsRestoredFromACompleteCopy() throws {
    let parent = scratch()
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("OUT").path
    try OutputFolder.write([("a.csv", "1\n")], to: out)
    // A crash between the fallback's renames: old aside, new complete, nothing at OUT.
    try FileManager.default.moveItem(atPath: out, toPath: parent.path + "/.OUT.old-99995")
    try OutputFolder.write([("b.csv", "2\n")], to: parent.path + "/staging")
    try FileManager.default.moveItem(atPath: parent.path + "/staging", toPath: parent.path + "/.OUT.partial-99995")
    var notes: [String] = []
    try OutputLock.acquire(forOutput: out, noWait: true, onMessage: { notes.append($0) }).release()
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [OutputFolder.markerName, "b.csv"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["OUT"])
    #expect(notes.first == "note: finished an interrupted run's swap of '\(out)'")
}

/// A list of strings shared between the test and the waiting thread.
private final class Mutex: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
