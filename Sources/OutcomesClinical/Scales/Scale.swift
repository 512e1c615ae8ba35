/// A depression rating scale: its items, ranges, severity bands and suicidal-thoughts item.
///
/// A scale is one of the two published instruments, stored as which one it is: every score record, endpoint
/// and relapse row carries its scale, and a plain value is copied without reference counting (the published
/// details are looked up, not carried).
public struct Scale: Hashable, Sendable, CustomStringConvertible {
    private enum Instrument: UInt8, Hashable, Sendable { case phq9, madrs }
    private let instrument: Instrument

    private init(_ instrument: Instrument) { self.instrument = instrument }

    /// Stable identifier used in data files and outputs: `PHQ-9` or `MADRS`.
    public var id: String {
        switch instrument {
        case .phq9: "PHQ-9"
        case .madrs: "MADRS"
        }
    }
    /// Number of items that make up the total.
    public var itemCount: Int {
        switch instrument {
        case .phq9: 9
        case .madrs: 10
        }
    }
    /// Highest score of one item (lowest is 0).
    public var itemMaximum: Int {
        switch instrument {
        case .phq9: 3
        case .madrs: 6
        }
    }
    /// One-based number of the item about suicidal thoughts.
    public var suicidalItem: Int {
        switch instrument {
        case .phq9: 9
        case .madrs: 10
        }
    }
    /// Severity bands in ascending order; each covers `lower...upper` of the total.
    public var bands: [SeverityBand] {
        switch instrument {
        case .phq9: Self.phq9Bands
        case .madrs: Self.madrsBands
        }
    }
    /// The publication the bands come from.
    public var bandSource: String {
        switch instrument {
        case .phq9: "Kroenke, Spitzer & Williams, J Gen Intern Med 2001;16:606-613"
        case .madrs: "Snaith et al., Br J Psychiatry 1986;148:599-601 (as cited in secondary sources)"
        }
    }

    /// Highest possible total.
    public var totalMaximum: Int { itemCount * itemMaximum }

    public var description: String { id }

    /// PHQ-9: nine self-reported items scored 0–3 over two weeks; item 9 is thoughts of death or self-harm.
    /// Bands from Kroenke, Spitzer & Williams, J Gen Intern Med 2001;16:606–613.
    public static let phq9 = Scale(.phq9)
    private static let phq9Bands: [SeverityBand] = [
        .init(name: "minimal", lower: 0, upper: 4), .init(name: "mild", lower: 5, upper: 9),
        .init(name: "moderate", lower: 10, upper: 14), .init(name: "moderately severe", lower: 15, upper: 19),
        .init(name: "severe", lower: 20, upper: 27)]

    /// MADRS: ten clinician-rated items scored 0–6 over the past week; item 10 is suicidal thoughts.
    /// Bands as cited from Snaith et al., Br J Psychiatry 1986;148:599–601 (seen through secondary sources).
    public static let madrs = Scale(.madrs)
    private static let madrsBands: [SeverityBand] = [
        .init(name: "normal", lower: 0, upper: 6), .init(name: "mild", lower: 7, upper: 19),
        .init(name: "moderate", lower: 20, upper: 34), .init(name: "severe", lower: 35, upper: 60)]

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
