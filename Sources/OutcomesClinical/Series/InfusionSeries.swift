/// A run of a patient's infusions that belong together: the induction series, a re-induction series,
/// or a maintenance period (the maintenance sessions between two runs).
public struct InfusionSeries: Sendable, Equatable {
    /// Kind of series.
    public let phase: TreatmentPhase
    /// 1 for the first series of this phase for the patient, 2 for the second, …
    public let ordinal: Int
    /// The infusions, in time order.
    public let infusions: [InfusionEvent]

    /// Time of the first infusion.
    public var start: Double { infusions.first!.time }
    /// Time of the last infusion.
    public var end: Double { infusions.last!.time }
    /// Label used in tables, e.g. `induction`, `reinduction 2`, `maintenance 1`.
    public var label: String { phase == .induction && ordinal == 1 ? "induction" : "\(phase.rawValue) \(ordinal)" }
}

/// A recorded phase that the derivation rule would have labelled differently.
public struct PhaseDisagreement: Sendable, Equatable {
    public let source: SourceLine
    public let recorded: TreatmentPhase
    public let derived: TreatmentPhase
}

/// Groups infusions into series.
///
/// Rule (documented in the plan output): infusions are chained while consecutive gaps are at most
/// `series.induction_max_gap_days`. The chain that holds the patient's first infusion is the induction
/// series, whatever its length. A later chain of at least `series.induction_min_infusions` infusions is a
/// re-induction series. Every other infusion after the induction is a maintenance session; consecutive
/// maintenance sessions form one maintenance period. A recorded `phase` wins over the rule; where the two
/// disagree the disagreement is reported.
public enum SeriesBuilder {
    /// The derived phase of each infusion (same order as `infusions`, which must be time-sorted).
    public static func derivePhases(_ infusions: [InfusionEvent], plan: AnalysisPlan) -> [TreatmentPhase] {
        guard !infusions.isEmpty else { return [] }
        let maxGap = plan.inductionMaxGapDays * 86_400
        var chains: [Range<Int>] = []
        var start = 0
        for i in 1..<infusions.count where infusions[i].time - infusions[i - 1].time > maxGap {
            chains.append(start..<i)
            start = i
        }
        chains.append(start..<infusions.count)
        var phases = [TreatmentPhase](repeating: .maintenance, count: infusions.count)
        for (k, chain) in chains.enumerated() {
            if k == 0 {
                for i in chain { phases[i] = .induction }
            } else if chain.count >= plan.inductionMinInfusions {
                for i in chain { phases[i] = .reinduction }
            }
        }
        return phases
    }

    /// The series of one patient and the recorded phases that disagree with the rule.
    public static func series(of infusions: [InfusionEvent], plan: AnalysisPlan) -> (series: [InfusionSeries], disagreements: [PhaseDisagreement]) {
        let derived = derivePhases(infusions, plan: plan)
        var disagreements: [PhaseDisagreement] = []
        var phases: [TreatmentPhase] = []
        for (inf, d) in zip(infusions, derived) {
            if let r = inf.recordedPhase {
                phases.append(r)
                if r != d { disagreements.append(.init(source: inf.source, recorded: r, derived: d)) }
            } else {
                phases.append(d)
            }
        }
        // Consecutive infusions of one phase form one series; a re-induction that directly follows another
        // re-induction after a gap longer than the chaining rule starts a new series.
        let maxGap = plan.inductionMaxGapDays * 86_400
        var result: [InfusionSeries] = []
        var counts: [TreatmentPhase: Int] = [:]
        var current: [InfusionEvent] = []
        var currentPhase: TreatmentPhase?
        func flush() {
            guard let p = currentPhase, !current.isEmpty else { return }
            counts[p, default: 0] += 1
            result.append(InfusionSeries(phase: p, ordinal: counts[p]!, infusions: current))
            current = []
        }
        for (inf, p) in zip(infusions, phases) {
            let breaksRun = p != .maintenance && p == currentPhase && !current.isEmpty && inf.time - current.last!.time > maxGap
            if p != currentPhase || breaksRun {
                flush()
                currentPhase = p
            }
            current.append(inf)
        }
        flush()
        return (result, disagreements)
    }
}
