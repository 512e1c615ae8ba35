/// A validated clinic dataset: only accepted rows, each record traceable to its file and line.
///
/// Patients keep file order. Infusions, assessments and adverse events are sorted by patient (in patient
/// order), then time, then source line, so one patient's records are a contiguous, time-ordered slice.
public struct ClinicDataset: Sendable {
    /// Accepted patients in file order.
    public let patients: [Patient]
    /// Accepted infusions sorted by patient, start time and line.
    public let infusions: [Infusion]
    /// Accepted assessments sorted by patient, time and line.
    public let assessments: [Assessment]
    /// Accepted adverse events sorted by patient, time and line (empty when the file is absent).
    public let adverseEvents: [AdverseEvent]

    /// Columns found in the files but not in the schema, kept as text (see ``DatasetExtraColumn``).
    public let extraColumns: [DatasetExtraColumn]

    let lookup: PatientLookup
    let infusionRanges: [Range<Int>]
    let assessmentRanges: [Range<Int>]
    let adverseEventRanges: [Range<Int>]

    /// Builds a dataset, sorting the event records. Every record's `patientIndex` must index `patients`
    /// (a programming error otherwise: the loader guarantees it for files).
    public init(patients: [Patient], infusions: [Infusion], assessments: [Assessment], adverseEvents: [AdverseEvent],
                extraColumns: [DatasetExtraColumn] = []) {
        precondition(infusions.allSatisfy { patients.indices.contains($0.patientIndex) }
                     && assessments.allSatisfy { patients.indices.contains($0.patientIndex) }
                     && adverseEvents.allSatisfy { patients.indices.contains($0.patientIndex) },
                     "a record refers to a patient index outside patients")
        self.init(patients: patients, infusions: infusions, assessments: assessments, adverseEvents: adverseEvents,
                  extraColumns: extraColumns, lookup: PatientLookup(ids: patients.map(\.id)))
    }

    /// The loader's dataset: patient identifiers are unique, `lookup` finds each one's position, and every
    /// record's `patientIndex` came from it (so the checks of the public initializer are not repeated).
    init(patients: [Patient], infusions: [Infusion], assessments: [Assessment], adverseEvents: [AdverseEvent],
         extraColumns: [DatasetExtraColumn], lookup: PatientLookup) {
        self.patients = patients
        self.extraColumns = extraColumns
        self.lookup = lookup
        let infusions = Self.sorted(infusions) { ($0.patientIndex, $0.start, $0.source.line) }
        let assessments = Self.sorted(assessments) { ($0.patientIndex, $0.time, $0.source.line) }
        let adverseEvents = Self.sorted(adverseEvents) { ($0.patientIndex, $0.time, $0.source.line) }
        self.infusions = infusions
        self.assessments = assessments
        self.adverseEvents = adverseEvents
        infusionRanges = Self.ranges(infusions, patientCount: patients.count) { $0.patientIndex }
        assessmentRanges = Self.ranges(assessments, patientCount: patients.count) { $0.patientIndex }
        adverseEventRanges = Self.ranges(adverseEvents, patientCount: patients.count) { $0.patientIndex }
    }

    /// The value of extra column `name` (case-insensitive) of `file` for the record at `source`, if any.
    public func extraValue(_ name: String, at source: SourceLine) -> String? {
        extraColumns.first { $0.file == source.file && $0.name.lowercased() == name.lowercased() }?.valuesByLine[source.line]
    }

    /// The index in ``patients`` of the patient with identifier `id`.
    public func patientIndex(id: String) -> Int? { lookup.index(of: id) }

    /// The patient with identifier `id`.
    public func patient(id: String) -> Patient? { lookup.index(of: id).map { patients[$0] } }

    /// The infusions of patient `patientIndex`, in time order.
    public func infusions(ofPatient patientIndex: Int) -> [Infusion] { Array(infusions[infusionRanges[patientIndex]]) }

    /// The assessments of patient `patientIndex` (all instruments), in time order.
    public func assessments(ofPatient patientIndex: Int) -> [Assessment] { Array(assessments[assessmentRanges[patientIndex]]) }

    /// The assessments of patient `patientIndex` on one instrument, in time order.
    public func assessments(ofPatient patientIndex: Int, instrument: Instrument) -> [Assessment] {
        assessments(ofPatient: patientIndex).filter { $0.instrument == instrument }
    }

    /// The adverse events of patient `patientIndex`, in time order.
    public func adverseEvents(ofPatient patientIndex: Int) -> [AdverseEvent] {
        Array(adverseEvents[adverseEventRanges[patientIndex]])
    }

    /// The positions in ``infusions`` of patient `patientIndex`'s infusions (no copy).
    public func infusionRange(ofPatient patientIndex: Int) -> Range<Int> { infusionRanges[patientIndex] }

    /// The positions in ``assessments`` of patient `patientIndex`'s assessments (no copy).
    public func assessmentRange(ofPatient patientIndex: Int) -> Range<Int> { assessmentRanges[patientIndex] }

    /// The positions in ``adverseEvents`` of patient `patientIndex`'s adverse events (no copy).
    public func adverseEventRange(ofPatient patientIndex: Int) -> Range<Int> { adverseEventRanges[patientIndex] }

    /// Sorts by a key, skipping the sort when the records are already in order (as exports usually are).
    static func sorted<Record>(_ records: [Record], by key: (Record) -> (Int, Double, Int)) -> [Record] {
        func less(_ a: (Int, Double, Int), _ b: (Int, Double, Int)) -> Bool {
            a.0 != b.0 ? a.0 < b.0 : a.1 != b.1 ? a.1 < b.1 : a.2 < b.2
        }
        var inOrder = true
        var previous: (Int, Double, Int)?
        for record in records {
            let current = key(record)
            if let previous, less(current, previous) { inOrder = false; break }
            previous = current
        }
        return inOrder ? records : records.sorted { less(key($0), key($1)) }
    }

    /// For records sorted by patient, the range of each patient's records.
    static func ranges<Record>(_ records: [Record], patientCount: Int, patient: (Record) -> Int) -> [Range<Int>] {
        var starts = Array(repeating: 0, count: patientCount + 1)
        for record in records { starts[patient(record) + 1] += 1 }
        for index in 0..<patientCount { starts[index + 1] += starts[index] }
        return (0..<patientCount).map { starts[$0]..<starts[$0 + 1] }
    }
}

/// A column of a dataset file that the schema does not define (for example `phq9_difficulty`), kept as text.
public struct DatasetExtraColumn: Sendable, Equatable {
    /// The file holding it.
    public let file: DatasetFile
    /// The header name as written.
    public let name: String
    /// Non-blank values of accepted records, keyed by the record's line (``SourceLine/line``).
    public let valuesByLine: [Int: String]

    /// Creates an extra column.
    public init(file: DatasetFile, name: String, valuesByLine: [Int: String]) {
        self.file = file
        self.name = name
        self.valuesByLine = valuesByLine
    }
}

/// Counts that describe a dataset at a glance, in a fixed order for deterministic reports.
public struct DatasetSummary: Sendable, Equatable {
    /// Patients per diagnosis, in ``Diagnosis/allCases`` order.
    public let patientsByDiagnosis: [(Diagnosis, Int)]
    /// Infusions per route, in ``Route/allCases`` order.
    public let infusionsByRoute: [(Route, Int)]
    /// Assessments per instrument, in ``Instrument/allCases`` order.
    public let assessmentsByInstrument: [(Instrument, Int)]
    /// Adverse events.
    public let adverseEventCount: Int
    /// Accepted assessments with a blank total and missing items: kept, and scored later under the plan.
    public let assessmentsWithoutTotal: Int
    /// Earliest and latest time over infusions, assessments and adverse events, in seconds since 1970.
    public let timeRange: ClosedRange<Double>?

    /// Summarizes `dataset`.
    public init(_ dataset: ClinicDataset) {
        patientsByDiagnosis = Diagnosis.allCases.map { diagnosis in (diagnosis, dataset.patients.count { $0.diagnosis == diagnosis }) }
        infusionsByRoute = Route.allCases.map { route in (route, dataset.infusions.count { $0.route == route }) }
        // One pass over the assessments (the large file) for their counts and times.
        var byInstrument = Array(repeating: 0, count: Instrument.allCases.count)
        var withoutTotal = 0
        var low = Double.infinity, high = -Double.infinity
        for time in dataset.infusions.lazy.map(\.start) { low = min(low, time); high = max(high, time) }
        for assessment in dataset.assessments {
            byInstrument[assessment.instrument == .phq9 ? 0 : 1] += 1
            if assessment.total == nil { withoutTotal += 1 }
            low = min(low, assessment.time)
            high = max(high, assessment.time)
        }
        assessmentsByInstrument = Instrument.allCases.enumerated().map { ($1, byInstrument[$0]) }
        adverseEventCount = dataset.adverseEvents.count
        assessmentsWithoutTotal = withoutTotal
        for time in dataset.adverseEvents.lazy.map(\.time) { low = min(low, time); high = max(high, time) }
        timeRange = low <= high ? low...high : nil
    }

    /// Two summaries are equal when every count and the time range are equal.
    public static func == (lhs: DatasetSummary, rhs: DatasetSummary) -> Bool {
        lhs.patientsByDiagnosis.elementsEqual(rhs.patientsByDiagnosis) { $0 == $1 }
            && lhs.infusionsByRoute.elementsEqual(rhs.infusionsByRoute) { $0 == $1 }
            && lhs.assessmentsByInstrument.elementsEqual(rhs.assessmentsByInstrument) { $0 == $1 }
            && lhs.adverseEventCount == rhs.adverseEventCount && lhs.timeRange == rhs.timeRange
            && lhs.assessmentsWithoutTotal == rhs.assessmentsWithoutTotal
    }
}
