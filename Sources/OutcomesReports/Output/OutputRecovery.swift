import Foundation
import OutcomesTabular
#if canImport(Glibc)
import Glibc
#endif

/// Finishes or rolls back what a crashed run left beside an output folder, then deletes its copies.
/// Called with the output lock held, so every copy found belongs to a run that is no longer running.
///
/// Debris is recognised by name (`.NAME.partial-PID`, `.NAME.old-PID`) and content: a real folder (not a link)
/// holding the output marker or the staging tag, or empty. Anything else with such a name is left alone.
enum OutputRecovery {
    struct Copy {
        let path: String
        let isNew: Bool
        let isComplete: Bool
        let modified: Double
    }

    /// Returns a note for each step taken (empty when there was nothing to recover).
    @discardableResult
    static func recover(_ location: OutputLocation) throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: location.parent)) ?? []
        var copies: [Copy] = []
        for name in names.sorted() {
            let isNew = name.hasPrefix(location.debrisPrefix(.partial))
            guard isNew || name.hasPrefix(location.debrisPrefix(.old)) else { continue }
            let path = location.parent + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR,
                  let content = try? FileManager.default.contentsOfDirectory(atPath: path) else { continue }
            let hasMarker = content.contains(OutputFolder.markerName)
            guard hasMarker || content.contains(OutputFolder.stagingTagName) || content.isEmpty else { continue }
            copies.append(Copy(path: path, isNew: isNew, isComplete: hasMarker,
                               modified: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9))
        }
        guard !copies.isEmpty else { return [] }
        var notes: [String] = []
        var info = stat()
        if lstat(location.folder, &info) != 0 && errno == ENOENT {
            // A crash between the fallback's two renames: put the newest complete report back at OUT,
            // the new one if it was complete, else the old one.
            let complete = copies.filter(\.isComplete).sorted { ($0.isNew ? 1 : 0, $0.modified) > ($1.isNew ? 1 : 0, $1.modified) }
            if let chosen = complete.first {
                try? OutputSwap.removeFile(chosen.path + "/" + OutputFolder.stagingTagName)
                try OutputSwap.rename(chosen.path, to: location.folder, location)
                OutputSwap.syncFolder(location.parent)
                notes.append(chosen.isNew ? "finished an interrupted run's swap of '\(location.given)'"
                                          : "restored the previous '\(location.given)' after an interrupted run")
                copies.removeAll { $0.path == chosen.path }
            }
        }
        for copy in copies { try OutputSwap.removeTree(copy.path) }
        notes.append("removed \(copies.count) cop\(copies.count == 1 ? "y" : "ies") left beside '\(location.given)' by an interrupted run")
        return notes
    }
}
