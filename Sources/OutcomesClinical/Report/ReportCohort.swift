/// The cohort of a periodic outcome report: the patients whose first induction series started in the period,
/// each followed to the end of the data (all later series, scores and events stay in their timelines).
extension DerivedTables {
    /// When the patient's first induction series started (seconds in the data's clock), or nil without one.
    public func firstInductionStart(_ patientID: String) -> Double? {
        series[patientID]?.first { $0.phase == .induction && $0.ordinal == 1 }?.start
    }

    /// The tables of the patients whose first induction series started in `period` (nil: all
    /// patients, unchanged) and, when `site` is given, whose site it is (`siteOf` names each patient's site).
    public func restricted(to period: CalendarPeriod?, site: String? = nil, siteOf: [String: String] = [:]) -> DerivedTables {
        guard period != nil || site != nil else { return self }
        let kept = patients.indices.filter { i in
            let p = patients[i]
            if let site, siteOf[p.patientID] != site { return false }
            guard let period else { return true }
            guard let start = firstInductionStart(p.patientID) else { return false }
            return period.contains(seconds: Int64(start.rounded(.down)))
        }
        // The patients' own rows (PatientSelection), or derived again when rows cannot be attributed exactly.
        return PatientSelection(self)?.tables(ofPatientsAt: kept) ?? ClinicalDerivation.derive(kept.map { patients[$0] }, plan: plan)
    }

    /// The calendar quarter of the latest first-induction start: the last quarter of a trend over all data.
    public var lastInductionQuarter: CalendarPeriod? {
        let starts = patients.indices.compactMap { firstInductionStart(patients[$0].patientID) }
        guard let last = starts.max() else { return nil }
        return .quarter(containing: Int((last / 86_400).rounded(.down)))
    }
}
