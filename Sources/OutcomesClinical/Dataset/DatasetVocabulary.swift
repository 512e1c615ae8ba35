import OutcomesTabular

/// A closed vocabulary read from a dataset column: its canonical spellings are the raw values, and
/// ``acceptedSpellings`` lists further spellings (matched ignoring ASCII case).
public protocol DatasetVocabulary: CaseIterable, Sendable, Hashable, RawRepresentable where RawValue == String, AllCases == [Self] {
    /// Extra spellings accepted for each case, beyond the raw value.
    static var alternativeSpellings: [Self: [String]] { get }
}

extension DatasetVocabulary {
    /// The category the CSV reader matches this vocabulary with; level `i` is `allCases[i]`.
    static var csvCategory: CSVCategory {
        CSVCategory(allCases.map { ($0.rawValue, alternativeSpellings[$0] ?? []) })
    }

    /// The case spelled `text`, matched exactly as the dataset reader matches a CSV field (the raw value or an
    /// alternative spelling, ignoring ASCII case); nil for anything else. Claims files use the same rule.
    public static func parse(_ text: String) -> Self? {
        csvCategory.level(of: text).map { allCases[$0] }
    }

    /// Every accepted spelling, canonical first, for error messages and documentation.
    public static var acceptedSpellings: [String] { csvCategory.acceptedSpellings }

    /// The case stored as level `level` by the CSV reader, or nil for a blank.
    static func fromLevel(_ level: Int32) -> Self? {
        level == IntegerColumn.missing ? nil : allCases[Int(level)]
    }
}

/// Primary diagnosis (`patients.csv`, column `diagnosis`).
public enum Diagnosis: String, DatasetVocabulary {
    case mdd = "MDD", bipolar, ptsd = "PTSD", other
    /// Spellings accepted besides the raw values (matched ignoring case).
    public static let alternativeSpellings: [Diagnosis: [String]] = [
        .mdd: ["major depressive disorder"], .bipolar: ["bipolar disorder"],
    ]
}

/// Sex recorded by the clinic (`patients.csv`, column `sex`; blank allowed).
public enum Sex: String, DatasetVocabulary {
    case female = "F", male = "M", other = "X"
    /// Spellings accepted besides the raw values (matched ignoring case).
    public static let alternativeSpellings: [Sex: [String]] = [.female: ["female"], .male: ["male"]]
}

/// Whether a patient followed scheduled maintenance or re-treatment as needed (`patients.csv`, column `strategy`).
public enum TreatmentStrategy: String, DatasetVocabulary {
    case maintenance, asNeeded = "as_needed"
    /// Spellings accepted besides the raw values (matched ignoring case).
    public static let alternativeSpellings: [TreatmentStrategy: [String]] = [.asNeeded: ["as-needed", "as needed", "prn"]]
}

/// Route of ketamine administration (`infusions.csv`, column `route`).
public enum Route: String, DatasetVocabulary {
    case intravenous = "IV", intranasal = "IN", intramuscular = "IM", oral
    /// Spellings accepted besides the raw values (matched ignoring case).
    public static let alternativeSpellings: [Route: [String]] = [
        .intravenous: ["intravenous"], .intranasal: ["intranasal"], .intramuscular: ["intramuscular"], .oral: ["po"],
    ]
}

/// Treatment phase of an infusion (`infusions.csv`, column `phase`; blank means "derive later").
public enum TreatmentPhase: String, DatasetVocabulary {
    case induction, maintenance, reinduction
    /// Spellings accepted besides the raw values (matched ignoring case).
    public static let alternativeSpellings: [TreatmentPhase: [String]] = [.reinduction: ["re-induction", "re_induction"]]
}

/// Rating scale of an assessment (`assessments.csv`, column `instrument`).
public enum Instrument: String, DatasetVocabulary {
    case phq9 = "PHQ-9", madrs = "MADRS"
    /// Spellings accepted besides the raw values (matched ignoring case).
    public static let alternativeSpellings: [Instrument: [String]] = [.phq9: ["PHQ9", "PHQ_9", "PHQ 9"]]

    /// The scale's definition (items, ranges, bands, suicidal item).
    public var scale: Scale { self == .phq9 ? .phq9 : .madrs }
    // The three limits below read single fields of the static scale definitions: validation calls them for
    // every item of every row, and copying a whole `Scale` there (strings and bands) cost a quarter of the time.
    /// Items that make up the total: 9 for PHQ-9 (the tenth "difficulty" question is not part of it), 10 for MADRS.
    public var itemCount: Int { self == .phq9 ? Scale.phq9.itemCount : Scale.madrs.itemCount }
    /// Highest score of one item: 3 for PHQ-9, 6 for MADRS.
    public var maximumItemScore: Int { self == .phq9 ? Scale.phq9.itemMaximum : Scale.madrs.itemMaximum }
    /// Highest total: 27 for PHQ-9, 60 for MADRS.
    public var maximumTotal: Int { itemCount * maximumItemScore }
}

/// Severity of an adverse event (`adverse_events.csv`, column `severity`).
public enum Severity: String, DatasetVocabulary {
    case mild, moderate, severe
    /// Spellings accepted besides the raw values (matched ignoring case).
    public static let alternativeSpellings: [Severity: [String]] = [:]
}

/// A yes/no field.
enum YesNo: String, DatasetVocabulary {
    case yes, no
    static let alternativeSpellings: [YesNo: [String]] = [.yes: ["y", "true", "t", "1"], .no: ["n", "false", "f", "0"]]
}
