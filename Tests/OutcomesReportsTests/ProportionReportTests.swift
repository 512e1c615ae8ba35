import Testing
import OutcomesProportions
@testable import OutcomesReports

/// `outcomes proportion --successes 42 --trials 50 --claim 0.85 --method exact`: the values come from the
/// library; only the key order and the number format (Swift's shortest round-trip `description`) are pinned.
private let interval = try! OneProportion.interval(successes: 42, trials: 50, level: 0.95, method: .clopperPearson)
private let pValue = try! ExactBinomialTest.pValue(successes: 42, trials: 50, claim: 0.85)

@Test("Proportion JSON is one flat object with keys in the documented order (exact string match)")
func proportionJSON() throws {
    let json = try ProportionReports.proportion(successes: 42, trials: 50, claim: 0.85, method: "exact", format: "json")
    let expected = """
    {
      "successes": 42,
      "trials": 50,
      "estimate": \(interval.estimate.description),
      "method": "exact",
      "level": 0.95,
      "lower": \(interval.lower.description),
      "upper": \(interval.upper.description),
      "claim": 0.85,
      "p_value": \(pValue.description)
    }

    """
    #expect(json == expected)
}

@Test("Proportion CSV is a header row and one data row in the same order (exact string match)")
func proportionCSV() throws {
    let csv = try ProportionReports.proportion(successes: 42, trials: 50, claim: 0.85, method: "exact", format: "csv")
    let values = [42.description, 50.description, interval.estimate.description, "exact", 0.95.description,
                  interval.lower.description, interval.upper.description, 0.85.description, pValue.description]
    #expect(csv == "successes,trials,estimate,method,level,lower,upper,claim,p_value\n" + values.joined(separator: ",") + "\n")
}

@Test("Without a claim, claim and p-value are null in JSON and empty in CSV")
func proportionWithoutClaim() throws {
    let json = try ProportionReports.proportion(successes: 42, trials: 50, method: "exact", format: "json")
    #expect(json.hasSuffix("  \"claim\": null,\n  \"p_value\": null\n}\n"))
    let csv = try ProportionReports.proportion(successes: 42, trials: 50, method: "exact", format: "csv")
    #expect(csv.hasSuffix(",,\n"))
}

@Test("Proportion text lists labels and values with four decimals under the title")
func proportionText() throws {
    let text = try ProportionReports.proportion(successes: 42, trials: 50, claim: 0.85, method: "exact", format: "text")
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.first == "One proportion")
    #expect(lines.count == 10)
    #expect(lines.contains { $0.hasPrefix("Lower limit ") && $0.hasSuffix(" " + String(format: "%.4f", interval.lower)) })
}

@Test("The proportion commands accept only text, csv and json")
func proportionFormats() {
    let error = #expect(throws: ProportionReportInputError.self) {
        try ProportionReports.proportion(successes: 42, trials: 50, format: "md")
    }
    #expect(error?.description == "--format must be one of text, csv, json (got 'md')")
}

@Test("A flat record flattens nested fields to dotted keys and renders booleans and missing values per format")
func flatRecordRendering() {
    let document = ReportDocument(analysis: "demo", title: "Demo", conventions: [("ignored", "yes")], notes: [],
                                  sections: [.fields(name: "result", [("ok", .boolean(true)), ("gap", .missing),
                                                                      ("ci", .object([("lower", .number(1)), ("upper", .number(2.5))]))])],
                                  labels: ["ok": "Passed"])
    #expect(document.renderFlatRecord(.json) == "{\n  \"ok\": true,\n  \"gap\": null,\n  \"ci.lower\": 1,\n  \"ci.upper\": 2.5\n}\n")
    #expect(document.renderFlatRecord(.csv) == "ok,gap,ci.lower,ci.upper\ntrue,,1,2.5\n")
    #expect(document.renderFlatRecord(.text) == "Demo\nPassed    yes\ngap       -\nci.lower  1.0000\nci.upper  2.5000\n")
    #expect(document.renderFlatRecord(.md) == "# Demo\n\n- **Passed**: yes\n- **gap**: -\n- **ci.lower**: 1.0000\n- **ci.upper**: 2.5000\n")
}
