/// One infusion of a patient's timeline. Times are seconds since 1970-01-01 in the data's own clock.
public struct InfusionEvent: Sendable, Equatable {
    public var time: Double
    /// Phase as recorded; nil when the file left it blank.
    public var recordedPhase: TreatmentPhase?
    public var completed: Bool
    public var durationMinutes: Double?
    public var route: Route
    public var source: SourceLine
    public init(time: Double, recordedPhase: TreatmentPhase?, completed: Bool, durationMinutes: Double?, route: Route = .intravenous,
                source: SourceLine) {
        self.time = time; self.recordedPhase = recordedPhase; self.completed = completed
        self.durationMinutes = durationMinutes; self.route = route; self.source = source
    }
}

/// One rating-scale assessment.
public struct ScoreRecord: Sendable, Equatable {
    public var time: Double
    public var scale: Scale
    /// Total as recorded (nil when blank).
    public var total: Double?
    /// Items as recorded, packed (a registry holds tens of millions of assessments; an array per record cost an
    /// allocation each and a tenth of a kilobyte).
    public var itemScores: ItemScores
    public var source: SourceLine
    public init(time: Double, scale: Scale, total: Double?, itemScores: ItemScores, source: SourceLine) {
        self.time = time; self.scale = scale; self.total = total; self.itemScores = itemScores; self.source = source
    }
    /// A record from a list of items 1…n (nil when blank; at most 10 items, each 0–14).
    public init(time: Double, scale: Scale, total: Double?, items: [Int?], source: SourceLine) {
        self.init(time: time, scale: scale, total: total, itemScores: ItemScores(items), source: source)
    }
    /// Items 1…n of the scale as recorded (nil when blank); index 0 is item 1.
    public var items: [Int?] { itemScores.scores(count: scale.itemCount) }
    /// The suicidal-thoughts item, when recorded.
    public var suicidalItem: Int? { itemScores[scale.suicidalItem] }
}

/// One adverse event.
public struct AdverseEventRecord: Sendable, Equatable {
    public var time: Double
    public var term: String
    public var severity: String
    public var serious: Bool
    public var ledToDiscontinuation: Bool
    public var source: SourceLine
    public init(time: Double, term: String, severity: String, serious: Bool, ledToDiscontinuation: Bool, source: SourceLine) {
        self.time = time; self.term = term; self.severity = severity; self.serious = serious
        self.ledToDiscontinuation = ledToDiscontinuation; self.source = source
    }
}

/// Everything recorded for one patient, each list sorted by time (ties keep file order).
public struct PatientTimeline: Sendable {
    public var patientID: String
    public var diagnosis: Diagnosis
    /// Plan recorded at the end of the first induction: `maintenance`, `as_needed`, or nil.
    public var strategy: TreatmentStrategy?
    /// Number of prior treatments that failed, when recorded.
    public var priorTreatmentsFailed: Int?
    /// Sex, age in years and site, when recorded (covariates of the strategy comparison).
    public var sex: Sex? = nil
    public var ageYears: Double? = nil
    public var site: String? = nil
    public var infusions: [InfusionEvent]
    public var scores: [ScoreRecord]
    public var adverseEvents: [AdverseEventRecord]

    /// Builds a timeline, sorting each list stably by time so file order never changes results.
    public init(patientID: String, diagnosis: Diagnosis, strategy: TreatmentStrategy?, priorTreatmentsFailed: Int? = nil,
                infusions: [InfusionEvent], scores: [ScoreRecord], adverseEvents: [AdverseEventRecord]) {
        self.patientID = patientID
        self.diagnosis = diagnosis
        self.strategy = strategy
        self.priorTreatmentsFailed = priorTreatmentsFailed
        self.infusions = infusions.stableSorted { $0.time < $1.time }
        self.scores = scores.stableSorted { $0.time < $1.time }
        self.adverseEvents = adverseEvents.stableSorted { $0.time < $1.time }
    }
}

extension Array {
    /// A sort that keeps the original order of equal elements.
    func stableSorted(by less: (Element, Element) -> Bool) -> [Element] {
        // Records usually arrive in time order; then there is nothing to sort (and nothing to copy).
        if indices.dropFirst().allSatisfy({ !less(self[$0], self[$0 - 1]) }) { return self }
        return enumerated().sorted { a, b in
            less(a.element, b.element) || (!less(b.element, a.element) && a.offset < b.offset)
        }.map(\.element)
    }
}
