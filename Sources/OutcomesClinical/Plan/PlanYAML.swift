import Foundation
import Yams

extension AnalysisPlan {
    /// Reads a plan from YAML text. Settings not named keep their defaults; unknown sections or keys,
    /// wrong types and impossible values are errors naming the key and what is allowed.
    public init(yaml text: String, file: String = "<string>") throws(PlanError) {
        self.init()
        if let problem = YAMLLimits.sizeProblem(text) { throw PlanError(file: file, line: nil, key: "", message: problem) }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw PlanError(file: file, line: nil, key: "", message: "not valid YAML: \(error)")
        }
        guard let root else { return }  // an empty file is the default plan
        guard case .mapping(let sections) = root else {
            throw PlanError(file: file, line: root.line, key: "", message: "the plan must be a mapping of sections")
        }
        let bySection = Dictionary(grouping: PlanSettings.all, by: \.section)
        let sectionNames = PlanSettings.all.map(\.section).uniqued()
        for (sectionNode, body) in sections {
            let section = sectionNode.string ?? ""
            guard let settings = bySection[section] else {
                throw PlanError(file: file, line: sectionNode.line, key: section,
                                message: "unknown section; allowed: \(sectionNames.joined(separator: ", "))")
            }
            guard case .mapping(let entries) = body else {
                throw PlanError(file: file, line: body.line, key: section, message: "must be a mapping of settings")
            }
            for (keyNode, value) in entries {
                let key = keyNode.string ?? ""
                if section == "claims" && key == "level" {
                    throw PlanError(file: file, line: keyNode.line, key: "claims.level",
                                    message: "moved: one level now serves every interval; write analysis.confidence_level instead")
                }
                guard let setting = settings.first(where: { $0.key == key }) else {
                    throw PlanError(file: file, line: keyNode.line, key: "\(section).\(key)",
                                    message: "unknown key; allowed in '\(section)': \(settings.map(\.key).joined(separator: ", "))")
                }
                try apply(setting, value, file: file)
            }
        }
        try checkConsistency(file: file)
    }

    /// Reads a plan file.
    public init(contentsOfFile path: String) throws(PlanError) {
        let text: String
        switch YAMLLimits.readText(path, what: "the plan file") {
        case .success(let t): text = t
        case .failure(let e): throw PlanError(file: path, line: nil, key: "", message: e.message)
        }
        try self.init(yaml: text, file: path)
    }

    private mutating func apply(_ s: PlanSetting, _ node: Node, file: String) throws(PlanError) {
        func bad() -> PlanError {
            PlanError(file: file, line: node.line, key: s.path,
                      message: "value '\(node.describedValue)' is not allowed; expected \(s.kind.allowed)")
        }
        switch (s.kind, s.access) {
        case (.integer(let range), .integer(let kp)):
            guard let v = node.int, range.contains(v) else { throw bad() }
            self[keyPath: kp] = v
        case (.number(let range), .number(let kp)):
            guard let v = node.number, range.contains(v) else { throw bad() }
            self[keyPath: kp] = v
        case (.numbers(let range), .numbers(let kp)):
            guard case .sequence(let seq) = node else { throw bad() }
            if let problem = YAMLLimits.listProblem(seq.count) { throw PlanError(file: file, line: node.line, key: s.path, message: problem) }
            var values: [Double] = []
            for item in seq {
                guard let v = item.number, range.contains(v) else { throw bad() }
                values.append(v)
            }
            self[keyPath: kp] = values
        case (.flag, .flag(let kp)):
            guard let v = node.bool else { throw bad() }
            self[keyPath: kp] = v
        case (.choice(let options), .text(let kp)):
            guard let v = node.string, options.contains(v) else { throw bad() }
            self[keyPath: kp] = v
        case (.choices(let options), .texts(let kp)):
            guard case .sequence(let seq) = node else { throw bad() }
            if let problem = YAMLLimits.listProblem(seq.count) { throw PlanError(file: file, line: node.line, key: s.path, message: problem) }
            var values: [String] = []
            for item in seq {
                guard let v = item.string, options.contains(v), !values.contains(v) else { throw bad() }
                values.append(v)
            }
            self[keyPath: kp] = values
        case (.timeZone, .text(let kp)):
            guard let v = node.string, v == "none" || PlanTimeZone.zone(named: v) != nil else { throw bad() }
            self[keyPath: kp] = v
        default:
            preconditionFailure("plan setting \(s.path) has a kind that does not match its storage")
        }
    }

    /// Rules that span two settings.
    private func checkConsistency(file: String) throws(PlanError) {
        if partialResponsePercentReduction >= responsePercentReduction {
            throw PlanError(file: file, line: nil, key: "response.partial_percent_reduction",
                            message: "must be below response.percent_reduction (\(PlanNumber.format(responsePercentReduction)))")
        }
        if phq9SuicidalResolvedAtMost >= phq9SuicidalPositiveAtLeast {
            throw PlanError(file: file, line: nil, key: "suicidal_item.phq9_resolved_at_most",
                            message: "must be below suicidal_item.phq9_positive_at_least (\(phq9SuicidalPositiveAtLeast))")
        }
        if madrsSuicidalResolvedAtMost >= madrsSuicidalPositiveAtLeast {
            throw PlanError(file: file, line: nil, key: "suicidal_item.madrs_resolved_at_most",
                            message: "must be below suicidal_item.madrs_positive_at_least (\(madrsSuicidalPositiveAtLeast))")
        }
        if strategyTruncatePercentile != 0 && strategyTruncatePercentile <= 50 {
            throw PlanError(file: file, line: nil, key: "strategy.truncate_percentile",
                            message: "must be 0 (no truncation) or above 50, e.g. 99")
        }
        if relapseMinDaysApart > relapseMaxDaysApart * Double(max(relapseConsecutive - 1, 1)) {
            throw PlanError(file: file, line: nil, key: "relapse.min_days_apart",
                            message: "cannot exceed relapse.max_days_apart × (consecutive − 1); no sequence could qualify")
        }
    }

    /// The plan as YAML, every line commented with the setting's meaning and source. Deterministic.
    public func yaml() -> String {
        var out = "# InfusionOutcomes analysis plan. Every setting, its meaning and the source of its default.\n"
        var current = ""
        for s in PlanSettings.all {
            if s.section != current {
                current = s.section
                out += "\(current):\n"
            }
            out += "  \(s.key): \(valueText(s))  # \(s.source)\n"
        }
        return out
    }

    /// The default plan as YAML (what `outcomes plan --print-defaults` writes).
    public static func defaultYAML() -> String { AnalysisPlan().yaml() }

    /// `section.key = value` lines, for the definitions block of a report.
    public func settingLines() -> [String] {
        PlanSettings.all.map { "\($0.path) = \(valueText($0))" }
    }

    /// Each setting in force with its value and the source of its default, for a report's methods section.
    public func settingsWithSources() -> [(path: String, value: String, source: String)] {
        PlanSettings.all.map { ($0.path, valueText($0), $0.source) }
    }

    private func valueText(_ s: PlanSetting) -> String {
        switch s.access {
        case .integer(let kp): return String(self[keyPath: kp])
        case .number(let kp): return PlanNumber.format(self[keyPath: kp])
        case .numbers(let kp): return "[" + self[keyPath: kp].map(PlanNumber.format).joined(separator: ", ") + "]"
        case .flag(let kp): return self[keyPath: kp] ? "true" : "false"
        case .text(let kp): return self[keyPath: kp]
        case .texts(let kp): return "[" + self[keyPath: kp].joined(separator: ", ") + "]"
        }
    }
}

private extension Node {
    var line: Int? { mark.map { $0.line } }
    var number: Double? {
        guard case .scalar(let s) = self, s.style == .plain || s.style == .any else { return nil }
        if let i = Int(s.string) { return Double(i) }
        guard let d = Double(s.string), d.isFinite else { return nil }
        return d
    }
    var describedValue: String {
        switch self {
        case .scalar(let s): return s.string
        case .sequence: return "(a list)"
        case .mapping: return "(a mapping)"
        case .alias: return "(an alias)"
        }
    }
}

private extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
