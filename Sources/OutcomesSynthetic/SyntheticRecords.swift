import OutcomesClinical

// The generator writes the clinical layer's vocabulary (`Diagnosis`, `Sex`, `TreatmentStrategy`, `Route`,
// `TreatmentPhase`, `Instrument`, `Severity`): one spelling of each category, owned by the dataset schema.
// Draws go through `allCases`, whose order is the schema's declaration order.

extension Instrument {
    /// Zero-based index of the suicidal-thoughts item (PHQ-9 item 9, MADRS item 10).
    var suicidalItemIndex: Int { itemCount - 1 }
}

/// Adverse-event terms, spelled as in `adverse_events.csv`.
public enum SyntheticAdverseEventTerm: String, Sendable, CaseIterable {
    /// Nausea.
    case nausea
    /// Dizziness.
    case dizziness
    /// Dissociation.
    case dissociation
    /// Elevated blood pressure.
    case elevatedBloodPressure = "elevated blood pressure"
    /// Headache.
    case headache
}

/// One row of `patients.csv`.
public struct SyntheticPatient: Sendable, Equatable {
    /// Identifier such as `P00042`.
    public var id: String
    /// Diagnosis.
    public var diagnosis: Diagnosis
    /// Recorded sex, `nil` when blank.
    public var sex: Sex?
    /// Age in whole years at the first infusion.
    public var age: Int
    /// Number of earlier treatments that failed.
    public var priorTreatmentsFailed: Int
    /// Site identifier such as `site-03`.
    public var site: String
    /// Recorded strategy, `nil` when blank (the patient still follows a true strategy; see ``SyntheticLatentState``).
    public var strategy: TreatmentStrategy?
}

/// The hidden state of one patient: what the model drew, which analyses should recover.
public struct SyntheticLatentState: Sendable, Equatable {
    /// Strategy the patient actually follows (equals the recorded one when that is not blank).
    public var trueStrategy: TreatmentStrategy
    /// Whether the patient responds to the induction series on PHQ-9 (total at its end ≤ half of baseline).
    public var isResponder: Bool
    /// Whether the PHQ-9 responder remits (PHQ-9 < 5 at the end of induction).
    public var isRemitter: Bool
    /// Whether MADRS at the end of induction is ≤ half of baseline (drawn given the PHQ-9 flag).
    public var isMADRSResponder: Bool
    /// Whether MADRS at the end of induction is ≤ 10.
    public var isMADRSRemitter: Bool
    /// Baseline PHQ-9 at or above the model's severe cut-off.
    public var isSevere: Bool
    /// Baseline PHQ-9 total (before the first infusion).
    public var baselinePHQ9: Int
    /// Baseline MADRS total.
    public var baselineMADRS: Int
    /// Baseline PHQ-9 item 9.
    public var baselineSuicidalItem: Int
    /// Baseline MADRS item 10.
    public var baselineMADRSSuicidalItem: Int
    /// For each scale whose suicidal item is positive at baseline: the index of the first mark (40, 90, 240
    /// minutes after the first infusion's start) by which it is resolved, 3 when not by 240 minutes.
    public var suicidalItemResolvedMark: [Instrument: Int]
    /// Whether the patient completed the induction series and its end-of-induction visit was scheduled.
    public var completedInduction: Bool
    /// Days from the last induction infusion's start to the first relapse, for responders (may exceed follow-up).
    public var firstRelapseDays: Double?

    /// For a PHQ-9-positive patient: whether item 9 is resolved by 90 minutes after the first infusion.
    public var suicidalItemResolvesWithin90Minutes: Bool? { suicidalItemResolvedMark[.phq9].map { $0 <= 1 } }
}

/// One row of `infusions.csv`.
public struct SyntheticInfusion: Sendable, Equatable {
    /// Index into ``SyntheticCohort/patients``.
    public var patientIndex: Int
    /// Start, in minutes after the study origin (2023-01-09T00:00:00 by default).
    public var startMinute: Int
    /// Route.
    public var route: Route
    /// Dose in hundredths of mg/kg (50 means 0.50 mg/kg), kept as an integer so output never depends on float printing.
    public var doseHundredthsMgPerKg: Int
    /// Duration in whole minutes (shorter than planned when stopped early).
    public var durationMinutes: Int
    /// Phase, `nil` when left blank for later derivation.
    public var phase: TreatmentPhase?
    /// Whether the planned dose was given in full.
    public var completed: Bool

    /// Dose in mg/kg.
    public var dosePerKg: Double { Double(doseHundredthsMgPerKg) / 100 }
}

/// One row of `assessments.csv`.
public struct SyntheticAssessment: Sendable, Equatable {
    /// Index into ``SyntheticCohort/patients``.
    public var patientIndex: Int
    /// Time, in minutes after the study origin.
    public var minute: Int
    /// Instrument.
    public var instrument: Instrument
    /// Item scores in order (9 for PHQ-9, 10 for MADRS).
    public var items: [UInt8]
    /// Whether the total column is left blank (the items are always present).
    public var totalIsBlank: Bool

    /// Sum of the items: the total, whether written or blank.
    public var itemSum: Int { items.reduce(0) { $0 + Int($1) } }
}

/// One row of `adverse_events.csv`.
public struct SyntheticAdverseEvent: Sendable, Equatable {
    /// Index into ``SyntheticCohort/patients``.
    public var patientIndex: Int
    /// Onset, in minutes after the study origin.
    public var minute: Int
    /// Term.
    public var term: SyntheticAdverseEventTerm
    /// Severity.
    public var severity: Severity
    /// Whether the event was serious.
    public var serious: Bool
    /// Whether treatment was stopped because of it.
    public var ledToDiscontinuation: Bool
}
