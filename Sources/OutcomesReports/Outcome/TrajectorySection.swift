import OutcomesClinical

/// Section 9: score trajectories across the induction infusions (the MMRM's means by diagnosis, formatted).
enum TrajectorySection {
    private typealias F = Formatting

    static func part(_ c: ReportContext) -> ReportPart {
        var s = "## Score trajectories during induction\n\n"
        s += "The score before each infusion of the first induction series (infusion 1: the baseline), up to infusion \(DerivedTables.trajectoryInfusions). "
        s += "Means with \(F.level(c.plan.confidenceLevel)) intervals from a mixed model for repeated measures (MMRM: score ~ infusion × diagnosis, "
        s += "AR(1) covariance over the infusion number, falling back to compound symmetry; REML; Satterthwaite degrees of freedom; "
        s += "AR(1) rather than unstructured: 2 covariance parameters instead of 21 keep the report quick, and on the sample the means move by at most 0.3 points), "
        s += "which uses every score a patient has and assumes missed scores are missing at random given the earlier ones.\n\n"
        var part = ReportPart()
        var csv = CSVText(header: ["scale", "diagnosis", "infusion", "mean", "lower", "upper"])
        for scale in Scale.all {
            let rows = c.cohort.inductionScores(scale: scale)
            let fit = c.cohort.trajectoryFit(scale: scale, rows: rows)
            s += "### \(scale.id)\n\n"
            if let why = fit.notEstimable { s += "Not estimable (\(why)).\n\n"; continue }
            s += "\(c.cells.count(fit.patients)) patients, \(c.cells.count(fit.scores)) scores; covariance used: \(fit.covariance).\n\n"
            let infusions = Array(Set(fit.byDiagnosis.flatMap { $0.points.map(\.infusion) })).sorted()
            s += "| diagnosis | " + infusions.map { "infusion \($0)" }.joined(separator: " | ") + " |\n|---|" + String(repeating: "---|", count: infusions.count) + "\n"
            for (d, points) in fit.byDiagnosis {
                s += "| \(d.rawValue) | " + infusions.map { i in
                    points.first { $0.infusion == i }.map { "\(F.fixed($0.mean, 1)) (\(F.fixed($0.lower, 1))–\(F.fixed($0.upper, 1)))" } ?? "not estimable"
                }.joined(separator: " | ") + " |\n"
                for p in points { csv.append([scale.id, d.rawValue, String(p.infusion), F.fixed(p.mean, 2), F.fixed(p.lower, 2), F.fixed(p.upper, 2)]) }
            }
            if !fit.notes.isEmpty { s += "\n" + fit.notes.map { "- " + MarkdownText.cell($0) }.joined(separator: "\n") + "\n" }
            if let fig = FigureHooks.trajectory(scale: scale, fit: fit, sample: DerivedTables.trajectorySample(rows: rows), policy: c.options.suppression) {
                part.figures.append(fig)
                s += "\n![Score trajectories (\(scale.id))](figures/\(fig.name))\n"
            }
            s += "\n"
        }
        s += "Table: `tables/trajectories.csv`.\n\n"
        part.markdown = s
        part.tables = [("trajectories.csv", csv.text)]
        return part
    }
}
