import Testing
import OutcomesClinical
@testable import OutcomesReports

/// Suppression of rates by group with a total row (the report's by-diagnosis and by-site tables).
@Test func rateGridHidesOnlyWhatProtectsSmallCounts() {
    let cells = ReportCells(policy: SmallCellPolicy())
    // Site A: 8 of 14 (both small); site B: 20 of 36; total 28 of 50.
    let a = RateCount(successes: 8, patients: 14, definition: ""), b = RateCount(successes: 20, patients: 36, definition: "")
    let total = RateCount(successes: 28, patients: 50, definition: "")
    let flags = cells.rateGrid([a, b], total: total)
    print("FLAGS", flags)
    #expect(flags[0].k && flags[1].k, "B's successes are hidden too, or A's follow from the total")
    #expect(!flags[0].n && !flags[1].n && !flags[2].n && !flags[2].k, "denominators and the total stay shown")
}

/// A primary cell whose row and column are both hidden can still leak through a chain of shown cells: the
/// complement then comes from elsewhere in the table, not from a total (which would hide a denominator).
@Test func complementaryCellsComeFromTheInteriorBeforeTotals() {
    let p = SmallCellPolicy().suppress(CountTable(cells: [[8, 6], [20, 16]], showsRowTotals: true, showsColumnTotals: true))
    #expect(p.hidden == [[true, true, false], [true, true, false], [false, false, false]])
}
