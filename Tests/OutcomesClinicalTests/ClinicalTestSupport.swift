@testable import OutcomesClinical

// Hand-made timelines: times are given in days from an arbitrary origin (2025-01-06 09:00 UTC).
let origin = 1_736_154_000.0
func at(_ days: Double) -> Double { origin + days * 86_400 }

func infusion(_ day: Double, _ phase: TreatmentPhase? = nil, completed: Bool = true, line: Int = 0) -> InfusionEvent {
    InfusionEvent(time: at(day), recordedPhase: phase, completed: completed, durationMinutes: 40,
                  source: SourceLine(file: .infusions, line: line))
}

func phq9(_ day: Double, total: Double, item9: Int = 0, line: Int = 0) -> ScoreRecord {
    // Items chosen to sum to the total where possible; tests of totals use the recorded total.
    var items = [Int?](repeating: 0, count: 9)
    items[8] = item9
    return ScoreRecord(time: at(day), scale: .phq9, total: total, items: items,
                       source: SourceLine(file: .assessments, line: line))
}

func patient(_ id: String = "P1", infusions: [InfusionEvent], scores: [ScoreRecord] = [],
             events: [AdverseEventRecord] = [], strategy: TreatmentStrategy? = nil) -> PatientTimeline {
    PatientTimeline(patientID: id, diagnosis: .mdd, strategy: strategy, infusions: infusions, scores: scores, adverseEvents: events)
}

let induction6 = [0.0, 2, 4, 7, 9, 11].map { infusion($0) }
