import Foundation
@testable import OutcomesClinical

/// Path of a committed dataset folder in Fixtures/datasets.
func datasetFixture(_ name: String) -> String {
    Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/datasets")!.path
}

/// A fresh temporary folder holding `files` (name → content); removed by the caller.
func temporaryDataset(_ files: [String: String]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dataset-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, content) in files {
        try Data(content.utf8).write(to: folder.appendingPathComponent(name))
    }
    return folder
}

/// The DatasetError a load throws, or nil when it succeeds.
func loadError(_ path: String) -> DatasetError? {
    do { _ = try ClinicDataset.load(at: path); return nil } catch { return error }
}
