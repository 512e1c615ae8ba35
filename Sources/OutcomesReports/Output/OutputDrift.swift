import Foundation

/// How a freshly generated output folder differs from a committed one: the drift gate behind `--check DIR`.
public struct OutputDrift: Sendable, Equatable, CustomStringConvertible {
    public var missing: [String]
    public var unexpected: [String]
    /// Files present in both whose bytes differ, each with its first differing line (1-based) and both lines.
    public var changed: [(path: String, line: Int, committed: String, fresh: String)]

    public var isEmpty: Bool { missing.isEmpty && unexpected.isEmpty && changed.isEmpty }

    public static func == (a: OutputDrift, b: OutputDrift) -> Bool {
        a.missing == b.missing && a.unexpected == b.unexpected
            && a.changed.map { "\($0.path):\($0.line)" } == b.changed.map { "\($0.path):\($0.line)" }
    }

    /// A short diff: at most `limit` files named, each with its first differing line.
    public func summary(limit: Int = 10) -> String {
        var lines: [String] = []
        for path in missing.prefix(limit) { lines.append("only in the committed folder: \(path)") }
        for path in unexpected.prefix(limit) { lines.append("only in a fresh run: \(path)") }
        for change in changed.prefix(limit) {
            lines.append("\(change.path):\(change.line)")
            lines.append("  committed: \(change.committed.prefix(160))")
            lines.append("  fresh:     \(change.fresh.prefix(160))")
        }
        let named = min(missing.count, limit) + min(unexpected.count, limit) + min(changed.count, limit)
        let total = missing.count + unexpected.count + changed.count
        if total > named { lines.append("… and \(total - named) more file(s)") }
        return lines.joined(separator: "\n")
    }

    public var description: String { summary() }

    /// Compares every regular file under `committed` with the same path under `fresh` (the marker file that
    /// output folders carry is ignored: it is not content).
    public static func compare(committed: URL, fresh: URL, ignoring ignored: Set<String> = [".outcomes-output"]) throws -> OutputDrift {
        let old = try relativeFiles(under: committed).subtracting(ignored)
        let new = try relativeFiles(under: fresh).subtracting(ignored)
        var drift = OutputDrift(missing: old.subtracting(new).sorted(), unexpected: new.subtracting(old).sorted(), changed: [])
        for path in old.intersection(new).sorted() {
            let a = try Data(contentsOf: committed.appendingPathComponent(path))
            let b = try Data(contentsOf: fresh.appendingPathComponent(path))
            guard a != b else { continue }
            let linesA = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let linesB = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let index = (0..<min(linesA.count, linesB.count)).first { linesA[$0] != linesB[$0] } ?? min(linesA.count, linesB.count)
            drift.changed.append((path, index + 1,
                                  index < linesA.count ? String(linesA[index]) : "(end of file)",
                                  index < linesB.count ? String(linesB[index]) : "(end of file)"))
        }
        return drift
    }

    static func relativeFiles(under root: URL) throws -> Set<String> {
        var files: Set<String> = []
        let base = root.standardizedFileURL.resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(at: root.standardizedFileURL.resolvingSymlinksInPath(),
                                                              includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        for case let url as URL in enumerator {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            files.insert(String(path.dropFirst(base.count + 1)))
        }
        return files
    }
}
