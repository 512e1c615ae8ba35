import OutcomesModels

/// Scores across the infusions of the first induction series: the score before each infusion (the baseline
/// before the first), modelled by an MMRM (visit × diagnosis cell means, unstructured covariance with the usual
/// fallback chain, REML, Satterthwaite intervals) whose least-squares means by diagnosis are the report's mean
/// trajectories.
public struct TrajectoryPoint: Sendable, Equatable {
    /// Infusion number (1 = baseline before the first infusion).
    public let infusion: Int
    public let mean: Double
    public let lower: Double
    public let upper: Double
}

public struct TrajectoryFit: Sendable {
    public let scale: Scale
    /// Least-squares means per diagnosis, in the diagnoses' vocabulary order.
    public let byDiagnosis: [(diagnosis: Diagnosis, points: [TrajectoryPoint])]
    public let patients: Int
    public let scores: Int
    /// The covariance structure the fit used (unstructured unless it fell back).
    public let covariance: String
    public let notes: [String]
    /// Why there is no fit, when there is none.
    public let notEstimable: String?
}

extension DerivedTables {
    /// Infusions of the induction series modelled (1–6: most series have six).
    public static let trajectoryInfusions = 6

    /// One row per patient and infusion number: the last usable score after the previous infusion's start and at
    /// or before this one's (for infusion 1, the endpoint's baseline), first induction series only.
    public func inductionScores(scale: Scale) -> [(patient: Int, diagnosis: Diagnosis, infusion: Int, score: Double)] {
        var rows: [(patient: Int, diagnosis: Diagnosis, infusion: Int, score: Double)] = []
        // Endpoints and patients by index (copying each timeline retained all of its arrays).
        let endpointOf = firstInductionEndpoints(scale: scale)
        for index in patients.indices {
            let id = patients[index].patientID, diagnosis = patients[index].diagnosis
            guard let series = series[id]?.first(where: { $0.phase == .induction && $0.ordinal == 1 }) else { continue }
            let usable = patients[index].scores(of: scale, plan: plan).usable
            if let b = endpointOf[id].flatMap({ endpoints[$0].baseline?.total }) { rows.append((index, diagnosis, 1, b)) }
            let starts = series.infusions.map(\.time)
            for k in 1..<min(starts.count, Self.trajectoryInfusions) {
                if let s = usable.last(where: { $0.time > starts[k - 1] && $0.time <= starts[k] }) {
                    rows.append((index, diagnosis, k + 1, s.total))
                }
            }
        }
        return rows
    }

    /// The MMRM of `inductionScores(scale:)`: score ~ infusion * diagnosis, least-squares means by diagnosis.
    public func trajectoryFit(scale: Scale) -> TrajectoryFit {
        trajectoryFit(scale: scale, rows: inductionScores(scale: scale))
    }

    /// ``trajectoryFit(scale:)`` of rows already built by ``inductionScores(scale:)`` (the report builds them once for
    /// the fit and the figure's sample).
    public func trajectoryFit(scale: Scale, rows: [(patient: Int, diagnosis: Diagnosis, infusion: Int, score: Double)]) -> TrajectoryFit {
        let subjects = Array(Set(rows.map(\.patient))).sorted()
        func failed(_ why: String) -> TrajectoryFit {
            TrajectoryFit(scale: scale, byDiagnosis: [], patients: subjects.count, scores: rows.count, covariance: "", notes: [], notEstimable: why)
        }
        guard subjects.count >= 10 else { return failed("fewer than 10 patients with scores during induction") }
        let code = Dictionary(uniqueKeysWithValues: subjects.enumerated().map { ($1, $0) })
        do {
            let table = try ModelTable(names: ["visit", "diagnosis"],
                                       columns: [.text(rows.map { String($0.infusion) }), .text(rows.map { $0.diagnosis.rawValue })])
            let design = try DesignMatrix(table: table, terms: try ModelTerms(parsing: "visit*diagnosis"),
                                          options: DesignOptions(factors: ["visit", "diagnosis"]))
            var options = MMRMOptions()
            options.level = plan.confidenceLevel
            options.fallback = [.cs]
            let visitLabels = Array(Set(rows.map(\.infusion))).sorted().map(String.init)
            let visitIndex = Dictionary(uniqueKeysWithValues: visitLabels.enumerated().map { ($1, $0) })
            let fit = try MixedModelRepeatedMeasures.fit(design: design, y: rows.map(\.score), subjects: rows.map { code[$0.patient]! },
                                                         visits: rows.map { visitIndex[String($0.infusion)]! }, visitLabels: visitLabels,
                                                         requested: .ar1, visitVariable: "visit", byVariable: "diagnosis", options: options)
            let byDiagnosis: [(diagnosis: Diagnosis, points: [TrajectoryPoint])] = Diagnosis.allCases.compactMap { d in
                let points = fit.lsmeans.filter { $0.by == d.rawValue }.compactMap { m -> TrajectoryPoint? in
                    guard let v = Int(m.visit), m.estimate.isFinite, m.lower.isFinite, m.upper.isFinite else { return nil }
                    return TrajectoryPoint(infusion: v, mean: m.estimate, lower: m.lower, upper: m.upper)
                }.sorted { $0.infusion < $1.infusion }
                return points.isEmpty ? nil : (d, points)
            }
            return TrajectoryFit(scale: scale, byDiagnosis: byDiagnosis, patients: fit.subjects, scores: fit.n, covariance: fit.used.title,
                                 notes: fit.notes + (fit.converged ? [] : ["the fit did not converge"]), notEstimable: nil)
        } catch {
            return failed("the model could not be fitted: \(error)")
        }
    }

    /// Observed scores of a sample of patients for a spaghetti figure: every k-th patient with at least three
    /// scores, in dataset order, up to `count` lines; no identifiers.
    public func trajectorySample(scale: Scale, count: Int = 40) -> [[(infusion: Int, score: Double)]] {
        Self.trajectorySample(rows: inductionScores(scale: scale), count: count)
    }

    /// ``trajectorySample(scale:count:)`` of rows already built by ``inductionScores(scale:)``.
    public static func trajectorySample(rows: [(patient: Int, diagnosis: Diagnosis, infusion: Int, score: Double)],
                                        count: Int = 40) -> [[(infusion: Int, score: Double)]] {
        var byPatient: [Int: [(infusion: Int, score: Double)]] = [:]
        for r in rows { byPatient[r.patient, default: []].append((r.infusion, r.score)) }
        let eligible = byPatient.keys.sorted().filter { byPatient[$0]!.count >= 3 }
        guard !eligible.isEmpty else { return [] }
        let step = max(1, eligible.count / count)
        return stride(from: 0, to: eligible.count, by: step).prefix(count).map { byPatient[eligible[$0]]! }
    }
}
