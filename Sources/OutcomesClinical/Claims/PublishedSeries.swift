import OutcomesProportions
import OutcomesTabular

/// A published response rate: responders out of patients in one study.
public struct PublishedResponseRate: Sendable, Equatable {
    public let study: String
    public let citation: String
    public let design: String
    public let instrument: String
    public let responders: Int
    public let patients: Int
    /// The published figure the counts were reconstructed from.
    public let note: String
}

/// A practice's rate beside the random-effects pooled rate of published series.
public struct PublishedComparison: Sendable {
    public let studies: [PublishedResponseRate]
    /// Pooled on the logit scale (REML, as metafor::rma(measure = "PLO")).
    public let pooled: RandomEffectsPooling
    public let practice: RateCount
    /// Practice rate minus the pooled rate.
    public var difference: Double? { practice.rate.map { $0 - pooled.proportion } }
}

/// A published-series file that cannot be used, naming file, line, column and value.
public struct PublishedSeriesError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Reads published response rates (see datasets/published/README.md) and pools them.
public enum PublishedSeries {
    static let schema = CSVSchema([
        CSVColumn("study", .text), CSVColumn("citation", .text, .optionalValue), CSVColumn("design", .text, .optionalValue),
        CSVColumn("instrument", .text, .optionalValue), CSVColumn("responders", .integer), CSVColumn("patients", .integer),
        CSVColumn("note", .text, .optionalColumn),
    ])

    /// Reads the file; any rejected row is an error (a benchmark with silently missing studies would mislead).
    public static func load(path: String) throws(PublishedSeriesError) -> [PublishedResponseRate] {
        let table: CSVTable
        do { table = try CSVReader.read(fileAt: path, schema: schema) } catch { throw PublishedSeriesError(description: "\(error)") }
        if let issue = table.issues.first { throw PublishedSeriesError(description: issue.description) }
        let studies = table.texts("study"), responders = table.integers("responders"), patients = table.integers("patients")
        let citations = table.texts("citation"), designs = table.texts("design"), instruments = table.texts("instrument"),
            notes = table.texts("note")
        var out: [PublishedResponseRate] = []
        for row in 0..<table.rowCount {
            let r = Int(responders[row]), n = Int(patients[row])
            guard n >= 1, r >= 0, r <= n else {
                throw PublishedSeriesError(description: "\(path):\(table.lines[row]): responders \(r) and patients \(n) must satisfy 0 <= responders <= patients, patients >= 1")
            }
            out.append(PublishedResponseRate(study: studies[row] ?? "", citation: citations[row] ?? "", design: designs[row] ?? "",
                                             instrument: instruments[row] ?? "", responders: r, patients: n, note: notes[row] ?? ""))
        }
        return out
    }

    /// Pools the studies (REML on the logit scale) and sets the practice's count beside them.
    public static func compare(_ studies: [PublishedResponseRate], practice: RateCount, level: Double = 0.95) throws(ProportionError) -> PublishedComparison {
        let pooled = try RandomEffectsPooling.pool(studies.map { StudyCount(successes: $0.responders, trials: $0.patients) },
                                                   estimator: .restrictedMaximumLikelihood, level: level)
        return PublishedComparison(studies: studies, pooled: pooled, practice: practice)
    }
}
