/// The files of a clinic dataset folder.
public enum DatasetFile: String, Sendable, CaseIterable, Hashable {
    case patients, infusions, assessments, adverseEvents

    /// The file's name inside the dataset folder.
    public var fileName: String {
        switch self {
        case .patients: "patients.csv"
        case .infusions: "infusions.csv"
        case .assessments: "assessments.csv"
        case .adverseEvents: "adverse_events.csv"
        }
    }

    /// Whether a dataset must contain the file (only adverse events may be absent).
    public var isRequired: Bool { self != .adverseEvents }
}

/// Where a record came from: file and physical line (1-based) of the record's start.
public struct SourceLine: Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public let file: DatasetFile
    /// The line.
    public let line: Int

    /// Creates a source reference.
    public init(file: DatasetFile, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file.csv:line`.
    public var description: String { "\(file.fileName):\(line)" }
}

/// One row of `patients.csv`.
public struct Patient: Sendable, Hashable {
    /// The clinic's identifier, unique in the dataset.
    public let id: String
    /// Primary diagnosis.
    public let diagnosis: Diagnosis
    /// Sex, if recorded.
    public let sex: Sex?
    /// Age in years at first infusion, if recorded.
    public let ageYears: Double?
    /// Number of prior treatments that failed, if recorded.
    public let priorTreatmentsFailed: Int?
    /// Site name, if recorded.
    public let site: String?
    /// Maintenance strategy, if recorded.
    public let strategy: TreatmentStrategy?
    /// Where the row came from.
    public let source: SourceLine

    /// Creates a patient (for tests and in-memory datasets; files go through ``ClinicDataset/load(at:)``).
    public init(id: String, diagnosis: Diagnosis, sex: Sex? = nil, ageYears: Double? = nil, priorTreatmentsFailed: Int? = nil,
                site: String? = nil, strategy: TreatmentStrategy? = nil, source: SourceLine) {
        self.id = id
        self.diagnosis = diagnosis
        self.sex = sex
        self.ageYears = ageYears
        self.priorTreatmentsFailed = priorTreatmentsFailed
        self.site = site
        self.strategy = strategy
        self.source = source
    }
}

/// One row of `infusions.csv`.
public struct Infusion: Sendable, Hashable {
    /// Index of the patient in ``ClinicDataset/patients``.
    public let patientIndex: Int
    /// Start time in seconds since 1970 (an offset-free time is taken as written; see datasets/README.md).
    public let start: Double
    /// Route of administration.
    public let route: Route
    /// Dose in mg per kg of body weight, if recorded.
    public let doseMgPerKg: Double?
    /// Duration in minutes, if recorded.
    public let durationMinutes: Double?
    /// Phase as recorded; nil means "derive later".
    public let phase: TreatmentPhase?
    /// Whether the infusion was completed.
    public let completed: Bool
    /// Where the row came from.
    public let source: SourceLine

    /// Creates an infusion.
    public init(patientIndex: Int, start: Double, route: Route, doseMgPerKg: Double? = nil, durationMinutes: Double? = nil,
                phase: TreatmentPhase? = nil, completed: Bool = true, source: SourceLine) {
        self.patientIndex = patientIndex
        self.start = start
        self.route = route
        self.doseMgPerKg = doseMgPerKg
        self.durationMinutes = durationMinutes
        self.phase = phase
        self.completed = completed
        self.source = source
    }
}

/// Item scores of one assessment packed into 4 bits each (values 0–14; 15 marks a blank item).
public struct ItemScores: Sendable, Hashable {
    /// Packed nibbles, item 1 in the lowest four bits.
    public private(set) var packed: UInt64

    /// All ten items blank.
    public init() { packed = (1 << 40) - 1 }

    /// Scores already packed (4 bits per item, item 1 lowest, 15 for a blank, bits 40 and up zero).
    init(packed: UInt64) { self.packed = packed }

    /// Creates scores from a list for items 1... (nil for blank items); at most 10 items, each 0–14.
    public init(_ scores: [Int?]) {
        self.init()
        for (offset, score) in scores.enumerated() { self[offset + 1] = score }
    }

    /// The score of item `item` (1-based, 1...10), or nil when blank.
    public subscript(item: Int) -> Int? {
        get {
            let nibble = Int((packed >> UInt64(4 * (item - 1))) & 0xF)
            return nibble == 0xF ? nil : nibble
        }
        set {
            let shift = UInt64(4 * (item - 1))
            let nibble = UInt64(newValue.map { min(max($0, 0), 14) } ?? 0xF)
            packed = (packed & ~(0xF << shift)) | (nibble << shift)
        }
    }

    /// The scores of items 1...count (nil for blanks).
    public func scores(count: Int) -> [Int?] { (1...count).map { self[$0] } }
}

/// One row of `assessments.csv`.
public struct Assessment: Sendable, Hashable {
    // Stored properties are ordered by alignment so a record takes 56 bytes, not 64: at ten million rows that
    // is 80 MB less at the ingest's peak.
    /// Index of the patient in ``ClinicDataset/patients``.
    public let patientIndex: Int
    /// Time in seconds since 1970; a date without a time is taken as midnight.
    public let time: Double
    /// Item scores (items 1–9 for PHQ-9, 1–10 for MADRS; blanks allowed when a total is recorded).
    public let items: ItemScores
    /// Where the row came from.
    public let source: SourceLine
    /// Total score: as recorded, or the item sum when the total was blank and every item present; nil when the
    /// total was blank and items are missing (the analysis plan's missing-item rule decides whether it is usable).
    public let total: Int?
    /// Rating scale.
    public let instrument: Instrument
    /// False when ``total`` was computed from the items.
    public let totalWasRecorded: Bool

    /// Creates an assessment.
    public init(patientIndex: Int, time: Double, instrument: Instrument, total: Int?, totalWasRecorded: Bool = true,
                items: ItemScores = ItemScores(), source: SourceLine) {
        self.patientIndex = patientIndex
        self.time = time
        self.instrument = instrument
        self.total = total
        self.totalWasRecorded = totalWasRecorded
        self.items = items
        self.source = source
    }
}

/// One row of `adverse_events.csv`.
public struct AdverseEvent: Sendable, Hashable {
    /// Index of the patient in ``ClinicDataset/patients``.
    public let patientIndex: Int
    /// Time in seconds since 1970.
    public let time: Double
    /// Free-text term (for example "dissociation", "nausea").
    public let term: String
    /// Severity.
    public let severity: Severity
    /// Whether the event was serious.
    public let serious: Bool
    /// Whether the event led to discontinuation.
    public let ledToDiscontinuation: Bool
    /// Where the row came from.
    public let source: SourceLine

    /// Creates an adverse event.
    public init(patientIndex: Int, time: Double, term: String, severity: Severity, serious: Bool = false,
                ledToDiscontinuation: Bool = false, source: SourceLine) {
        self.patientIndex = patientIndex
        self.time = time
        self.term = term
        self.severity = severity
        self.serious = serious
        self.ledToDiscontinuation = ledToDiscontinuation
        self.source = source
    }
}
