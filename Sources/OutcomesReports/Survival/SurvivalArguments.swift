import Foundation

/// Command-line rules of `outcomes survival` that ArgumentParser does not enforce, kept here so they are tested.
public enum SurvivalArguments {
    /// Options that accumulate when repeated (`--covariates a --covariates b` is `a,b`).
    public static let listOptions: Set<String> = ["--covariates", "--where", "--reference", "--times"]

    /// Long options given more than once that are not lists: an error, never a silent last-one-wins.
    /// Arguments after `--` are operands, not options.
    public static func repeatedScalars(in arguments: [String], lists: Set<String> = listOptions) -> [String] {
        var seen: [String: Int] = [:], order: [String] = []
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--") else { continue }
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? Substring(argument))
            if lists.contains(name) { continue }
            if seen[name] == nil { order.append(name) }
            seen[name, default: 0] += 1
        }
        return order.filter { seen[$0]! > 1 }
    }

    /// A list option's values, each split at commas, blanks trimmed, empty items dropped.
    public static func splitList(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `COL=LEVEL` of `--reference`.
    public static func reference(_ text: String) throws(SurvivalReportError) -> (column: String, level: String) {
        let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw SurvivalReportError(description: "--reference '\(text)': expected COL=LEVEL, e.g. --reference sex=1", isUsage: true)
        }
        return (parts[0], parts[1])
    }
}
