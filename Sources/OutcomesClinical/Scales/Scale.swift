/// A depression rating scale: its items, ranges, severity bands and suicidal-thoughts item.
public struct Scale: Hashable, Sendable, CustomStringConvertible {
    /// Stable identifier used in data files and outputs: `PHQ-9` or `MADRS`.
    public let id: String
    /// Number of items that make up the total.
    public let itemCount: Int
    /// Highest score of one item (lowest is 0).
    public let itemMaximum: Int
    /// One-based number of the item about suicidal thoughts.
    public let suicidalItem: Int
    /// Severity bands in ascending order; each covers `lower...upper` of the total.
    public let bands: [SeverityBand]
    /// The publication the bands come from.
    public let bandSource: String

    /// Highest possible total.
    public var totalMaximum: Int { itemCount * itemMaximum }

    public var description: String { id }

    /// PHQ-9: nine self-reported items scored 0–3 over two weeks; item 9 is thoughts of death or self-harm.
    /// Bands from Kroenke, Spitzer & Williams, J Gen Intern Med 2001;16:606–613.
    public static let phq9 = Scale(
        id: "PHQ-9", itemCount: 9, itemMaximum: 3, suicidalItem: 9,
        bands: [.init(name: "minimal", lower: 0, upper: 4), .init(name: "mild", lower: 5, upper: 9),
                .init(name: "moderate", lower: 10, upper: 14), .init(name: "moderately severe", lower: 15, upper: 19),
                .init(name: "severe", lower: 20, upper: 27)],
        bandSource: "Kroenke, Spitzer & Williams, J Gen Intern Med 2001;16:606-613")

    /// MADRS: ten clinician-rated items scored 0–6 over the past week; item 10 is suicidal thoughts.
    /// Bands as cited from Snaith et al., Br J Psychiatry 1986;148:599–601 (seen through secondary sources).
    public static let madrs = Scale(
        id: "MADRS", itemCount: 10, itemMaximum: 6, suicidalItem: 10,
        bands: [.init(name: "normal", lower: 0, upper: 6), .init(name: "mild", lower: 7, upper: 19),
                .init(name: "moderate", lower: 20, upper: 34), .init(name: "severe", lower: 35, upper: 60)],
        bandSource: "Snaith et al., Br J Psychiatry 1986;148:599-601 (as cited in secondary sources)")

    /// Both supported scales, in report order.
    public static let all: [Scale] = [.phq9, .madrs]

    /// The band that contains `total`, or nil outside the scale's range.
    public func band(for total: Double) -> SeverityBand? {
        bands.first { total >= Double($0.lower) && total <= Double($0.upper) }
    }
}

/// A named range of totals, e.g. PHQ-9 10–14 "moderate".
public struct SeverityBand: Hashable, Sendable {
    /// Name as published.
    public let name: String
    /// Lowest total in the band.
    public let lower: Int
    /// Highest total in the band.
    public let upper: Int
}
