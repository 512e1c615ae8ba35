import OutcomesConcurrency

/// What a record was left out of.
public enum ExcludedAnalysis: Sendable, Hashable, CustomStringConvertible {
    /// Series building (a patient without infusions).
    case series
    /// Scoring an assessment of a scale.
    case score(Scale)
    /// The endpoint of one series on one scale.
    case endpoint(phase: TreatmentPhase, ordinal: Int, scale: Scale)

    /// As written in exclusions.csv, e.g. `PHQ-9 score`, `induction PHQ-9 endpoint`, `reinduction 2 MADRS endpoint`.
    public var description: String {
        switch self {
        case .series: "series"
        case .score(let scale): "\(scale.id) score"
        case let .endpoint(phase, ordinal, scale):
            (phase == .induction && ordinal == 1 ? "induction" : "\(phase.rawValue) \(ordinal)") + " \(scale.id) endpoint"
        }
    }

    /// The analysis without a series' ordinal (re-induction 1, 2, … together), for counts by reason.
    public var kind: String {
        switch self {
        case .series, .score: description
        case let .endpoint(phase, _, scale): "\(phase.rawValue) \(scale.id) endpoint"
        }
    }
}

/// A record left out of an analysis, with the reason. Nothing is dropped silently.
public struct Exclusion: Sendable, Equatable {
    public let patientID: String
    /// What was being derived.
    public let analysis: ExcludedAnalysis
    public let reason: String
    /// The record behind the reason, when there is one.
    public let source: SourceLine?
}

/// Everything the clinical layer derives from a dataset under one plan.
public struct DerivedTables: Sendable {
    public let plan: AnalysisPlan
    /// The patients the tables were derived from, in order (the population every count selects from).
    public let patients: [PatientTimeline]
    /// One row per patient, series and scale.
    public let endpoints: [SeriesEndpoint]
    public let suicidal: [SuicidalItemResolution]
    public let tolerability: [InductionTolerability]
    public let adverseEvents: [AdverseEventCount]
    public let maintenanceIntervals: [MaintenanceInterval]
    /// One row per responder at the end of induction and scale.
    public let relapse: [RelapseRecord]
    /// Counting-process form of `relapse`.
    public let relapseIntervals: [RelapseInterval]
    public let phaseDisagreements: [PhaseDisagreement]
    public let exclusions: [Exclusion]
    /// Per patient, their series.
    public let series: [String: [InfusionSeries]]
}

/// Derives per-patient, per-series facts from timelines.
public enum ClinicalDerivation {
    /// Patients derived per chunk of work: enough to amortize a thread hand-off, small enough to balance two cores.
    static let patientsPerChunk = 2_048

    /// Runs every derivation. Patients are processed in the order given; outputs keep that order. Patients are
    /// independent, so consecutive chunks of them are derived on several threads and joined in order: the
    /// tables are the same with any number of threads.
    public static func derive(_ patients: [PatientTimeline], plan: AnalysisPlan = AnalysisPlan(),
                              threads: Int = OrderedChunks.defaultThreads) -> DerivedTables {
        let parts = OrderedChunks.map(count: patients.count, chunkSize: patientsPerChunk, threads: threads) { range in
            var part = PatientDerivations()
            for index in range { part.add(patients[index], plan: plan) }
            return part
        }
        var all = PatientDerivations()
        all.reserve(parts)
        for part in parts { all.append(part) }
        return DerivedTables(plan: plan, patients: patients, endpoints: all.endpoints, suicidal: all.suicidal, tolerability: all.tolerability,
                             adverseEvents: TolerabilityBuilder.adverseEventCounts(patients),
                             maintenanceIntervals: all.intervals, relapse: all.relapse, relapseIntervals: all.relapseIntervals,
                             phaseDisagreements: all.disagreements, exclusions: all.exclusions, series: all.seriesByPatient)
    }
}

/// The derived rows of some consecutive patients.
private struct PatientDerivations: Sendable {
    var endpoints: [SeriesEndpoint] = []
    var suicidal: [SuicidalItemResolution] = []
    var tolerability: [InductionTolerability] = []
    var intervals: [MaintenanceInterval] = []
    var relapse: [RelapseRecord] = []
    var relapseIntervals: [RelapseInterval] = []
    var disagreements: [PhaseDisagreement] = []
    var exclusions: [Exclusion] = []
    var seriesByPatient: [String: [InfusionSeries]] = [:]

    mutating func add(_ p: PatientTimeline, plan: AnalysisPlan) {
        let (series, disagree) = SeriesBuilder.series(of: p.infusions, plan: plan)
        seriesByPatient[p.patientID] = series
        disagreements += disagree
        if series.isEmpty {
            exclusions.append(.init(patientID: p.patientID, analysis: .series, reason: "no infusions", source: nil))
        }
        if let t = TolerabilityBuilder.induction(patient: p, series: series, plan: plan) { tolerability.append(t) }
        intervals += TolerabilityBuilder.maintenanceIntervals(patient: p, series: series)
        for scale in Scale.all {
            let (usable, unusable) = p.scores(of: scale, plan: plan)
            for u in unusable {
                exclusions.append(.init(patientID: p.patientID, analysis: .score(scale), reason: u.reason, source: u.record.source))
            }
            if usable.isEmpty { continue }
            for s in series where s.phase != .maintenance {
                let e = SeriesEndpointBuilder.endpoint(patient: p, series: s, scale: scale, scores: usable, plan: plan)
                endpoints.append(e)
                if let why = e.exclusion {
                    exclusions.append(.init(patientID: p.patientID, analysis: .endpoint(phase: s.phase, ordinal: s.ordinal, scale: scale),
                                            reason: why, source: s.infusions.first?.source))
                }
                if s.phase == .induction && s.ordinal == 1,
                   let r = RelapseBuilder.record(patient: p, induction: s, endpoint: e, series: series, scores: usable, plan: plan) {
                    relapse.append(r)
                    relapseIntervals += RelapseBuilder.intervals(record: r, series: series, plan: plan)
                }
            }
            if let r = SuicidalItemBuilder.resolution(patient: p, scale: scale, scores: usable, plan: plan) {
                suicidal.append(r)
            }
        }
    }

    mutating func reserve(_ parts: [PatientDerivations]) {
        endpoints.reserveCapacity(parts.reduce(0) { $0 + $1.endpoints.count })
        exclusions.reserveCapacity(parts.reduce(0) { $0 + $1.exclusions.count })
        relapseIntervals.reserveCapacity(parts.reduce(0) { $0 + $1.relapseIntervals.count })
        seriesByPatient.reserveCapacity(parts.reduce(0) { $0 + $1.seriesByPatient.count })
    }

    /// Appends the rows of the patients after these. A patient ID met again keeps its later series, as when
    /// one loop ran over all patients.
    mutating func append(_ later: PatientDerivations) {
        endpoints += later.endpoints
        suicidal += later.suicidal
        tolerability += later.tolerability
        intervals += later.intervals
        relapse += later.relapse
        relapseIntervals += later.relapseIntervals
        disagreements += later.disagreements
        exclusions += later.exclusions
        seriesByPatient.merge(later.seriesByPatient) { _, later in later }
    }
}
