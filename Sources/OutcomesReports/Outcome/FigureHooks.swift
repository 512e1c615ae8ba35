import OutcomesClinical
import OutcomesSurvival

/// Where the report asks for its figures. Each returns (file name under `figures/`, SVG), or nothing while the
/// figure type is not available; counts arrive already formatted (suppressed where needed).
enum FigureHooks {
    static func flow(scale: Scale, rows: [(label: String, count: String, exits: [(reason: String, count: String)])]) -> [(name: String, svg: String)] {
        []
    }
}

extension FigureHooks {
    static func waterfall(scale: Scale, percentChanges: [Double], rules: ScaleRules) -> (name: String, svg: String)? { nil }

    static func firstResponse(scale: Scale, curve: CumulativeIncidenceCurve, policy: SmallCellPolicy) -> (name: String, svg: String)? { nil }
}

extension FigureHooks {
    static func trajectory(scale: Scale, fit: TrajectoryFit, sample: [[(infusion: Int, score: Double)]]) -> (name: String, svg: String)? { nil }
}
