import OutcomesClinical

/// Section 9: score trajectories across the induction infusions.
enum TrajectorySection {
    static func part(_ c: ReportContext) -> ReportPart {
        ReportPart(markdown: "## Score trajectories during induction\n\nNot yet computed.\n\n")
    }
}
