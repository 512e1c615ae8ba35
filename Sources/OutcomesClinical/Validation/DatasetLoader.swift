import Foundation
import OutcomesTabular

extension ClinicDataset {
    /// Reads and validates the dataset folder at `path` (see datasets/README.md for the schema and rules).
    ///
    /// Rejected rows do not make this throw: they are left out of the dataset and listed in the report.
    /// `assumeZone` is the plan's `time.assume_zone`: the zone of times written without a UTC offset
    /// (see ``TimeZoneRules``).
    /// - Throws: ``DatasetError`` when the folder or a required file is missing, or a file cannot be read as CSV.
    public static func load(at path: String, assumeZone: TimeZone? = nil) throws(DatasetError) -> ValidatedDataset {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw .missingFolder(path: path) }
            throw .inaccessible(path: path, cause: FileSystemErrorText.cause(errno: errno))
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .notAFolder(path: path) }
        // A folder that cannot be listed or entered would make every file look missing: say so instead.
        guard access(path, R_OK | X_OK) == 0 else { throw .inaccessible(path: path, cause: FileSystemErrorText.cause(errno: errno)) }
        let folder = URL(fileURLWithPath: path)

        func table(_ file: DatasetFile) throws(DatasetError) -> CSVTable? {
            let filePath = folder.appendingPathComponent(file.fileName).path
            var fileInfo = stat()
            guard stat(filePath, &fileInfo) == 0 else {
                guard errno == ENOENT else { throw .inaccessible(path: filePath, cause: FileSystemErrorText.cause(errno: errno)) }
                if file.isRequired { throw .missingFile(folder: path, file: file.fileName) }
                return nil
            }
            if let cause = RegularFile.cause(filePath) { throw .inaccessible(path: filePath, cause: cause) }
            do {
                return try CSVReader.read(fileAt: filePath, schema: DatasetSchemas.schema(for: file), name: file.fileName)
            } catch {
                throw .unreadable(error)
            }
        }

        // Read the smaller files first, so most structural errors stop before the large file is parsed; the
        // assessments table is released as soon as its records are built, so its typed columns are freed before
        // the dataset is assembled (peak memory: one table plus its records, not every table plus every record).
        let patientTable = try table(.patients)!
        let infusionTable = try table(.infusions)!
        let adverseEventTable = try table(.adverseEvents)

        // The assessments are read now (before any records are built) because whether the dataset mixes times
        // with and without an offset depends on every file; their table is released once its records exist.
        var assessmentTable: CSVTable? = try table(.assessments)!
        var tables: [DatasetFile: CSVTable] = [.patients: patientTable, .infusions: infusionTable, .assessments: assessmentTable!]
        if let adverseEventTable { tables[.adverseEvents] = adverseEventTable }
        let zones = TimeZoneRules(tables: tables, assumeZone: assumeZone)
        tables = [:]
        let patients = RecordBuilders.patients(patientTable)
        let index = patients.lookup
        let infusions = RecordBuilders.infusions(infusionTable, patientIndex: index, zones: zones)
        let adverseEvents = adverseEventTable.map { RecordBuilders.adverseEvents($0, patientIndex: index, zones: zones) }
        let assessments = RecordBuilders.assessments(assessmentTable!, patientIndex: index, patientIDs: patients.records.map(\.id),
                                                     zones: zones)
        let assessmentExtras = extraColumns(assessmentTable!, .assessments, accepted: assessments.records.map(\.source.line))
        assessmentTable = nil
        let absent = FileValidation(file: .adverseEvents, isPresent: false,
                                    accounting: RowAccounting(rowsRead: 0, accepted: 0, rejected: 0), issues: [], warnings: [])

        let extras = extraColumns(patientTable, .patients, accepted: patients.records.map(\.source.line))
            + extraColumns(infusionTable, .infusions, accepted: infusions.records.map(\.source.line))
            + assessmentExtras
            + (adverseEventTable.map { extraColumns($0, .adverseEvents, accepted: adverseEvents!.records.map(\.source.line)) } ?? [])
        let dataset = ClinicDataset(patients: patients.records, infusions: infusions.records,
                                    assessments: assessments.records, adverseEvents: adverseEvents?.records ?? [],
                                    extraColumns: extras, lookup: index)
        let report = ValidationReport(datasetPath: path, files: [
            patients.validation, infusions.validation, assessments.validation, adverseEvents?.validation ?? absent,
        ])
        return ValidatedDataset(dataset: dataset, report: report)
    }

    /// The extra columns of `table`, restricted to rows that became records.
    static func extraColumns(_ table: CSVTable, _ file: DatasetFile, accepted lines: @autoclosure () -> [Int]) -> [DatasetExtraColumn] {
        guard !table.extraColumns.isEmpty else { return [] }
        let acceptedLines = Set(lines())
        return table.extraColumns.map { column in
            var values: [Int: String] = [:]
            for (row, value) in column.values.enumerated() {
                let line = Int(table.lines[row])
                if let value, !value.isEmpty, acceptedLines.contains(line) { values[line] = value }
            }
            return DatasetExtraColumn(file: file, name: column.name, valuesByLine: values)
        }
    }
}
