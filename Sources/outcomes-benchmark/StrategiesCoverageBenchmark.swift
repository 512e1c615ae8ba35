import Foundation
import InfusionOutcomes

/// Coverage study of the strategy comparison (issue 13): generated cohorts with confounding by indication
/// (`--strategy-assignment confounded`), one per seed; each analysis's hazard ratio against truth.json's
/// `relapse_marginal_hazard_ratio`. Prints per-analysis coverage of the 95 % interval, mean bias of the log hazard
/// ratio (absolute and as a share of |log truth|), and the Monte Carlo standard error of the coverage.
enum StrategiesCoverageBenchmark {
    static func run(_ arguments: [String]) throws {
        var seeds = 200, patients = 1000, firstSeed = 1
        var covariates: [String]? = nil
        var perSeed: String? = nil
        var relapseWindow: Double? = nil
        var i = 0
        while i < arguments.count {
            let a = arguments[i], v = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch a {
            case "--seeds": seeds = Int(v) ?? seeds; i += 1
            case "--patients": patients = Int(v) ?? patients; i += 1
            case "--first-seed": firstSeed = Int(v) ?? firstSeed; i += 1
            case "--covariates": covariates = v.split(separator: ",").map(String.init); i += 1
            case "--per-seed": perSeed = v; i += 1
            case "--relapse-max-days-apart": relapseWindow = Double(v); i += 1
            default: print("unknown argument \(a)"); return
            }
            i += 1
        }
        var plan = AnalysisPlan()
        plan.strategyBootstrapReplicates = 0  // hazard ratios only
        if let covariates { plan.strategyCovariates = covariates }
        if let relapseWindow { plan.relapseMaxDaysApart = relapseWindow }
        let analyses = ["unadjusted", "iptw", "per_protocol", "landmark", "unadjusted_interval_censored", "interval_censored"]
        var logHR: [String: [Double]] = [:], covered: [String: Int] = [:], fitted: [String: Int] = [:]
        var primaryIC = 0
        var truths: [Double] = []
        var rows = "seed,truth," + analyses.map { "\($0),\($0)_lower,\($0)_upper" }.joined(separator: ",") + "\n"
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-strategies-coverage-\(getpid())")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let started = Date()
        for seed in firstSeed..<(firstSeed + seeds) {
            let dir = tmp.appendingPathComponent("seed")
            _ = try SyntheticCohort.generateAndWrite(patients: patients, seed: UInt64(seed), to: dir, replacingExisting: true,
                                                     strategyAssignment: .confounded)
            let truthData = try Data(contentsOf: dir.appendingPathComponent("truth.json"))
            guard let json = try JSONSerialization.jsonObject(with: truthData) as? [String: Any],
                  let truth = Self.find("relapse_marginal_hazard_ratio", in: json) else {
                print("seed \(seed): truth.json has no relapse_marginal_hazard_ratio"); return
            }
            truths.append(truth)
            let validated = try Reports.loadValidatedDataset(at: dir.path, allowRejected: true)
            let tables = ClinicalDerivation.derive(validated.dataset.timelines(), plan: plan)
            let c = StrategyComparison.run(tables)
            var line = "\(seed),\(truth)"
            if c.intervalCensoredPrimary { primaryIC += 1 }
            let unadjustedIC = c.unadjustedIntervalCensoredHazardRatio
            for a in analyses {
                let e = a == "unadjusted_interval_censored" ? unadjustedIC
                    : c.estimates.first { $0.analysis.rawValue == a && $0.measure == .hazardRatio }
                if let x = e?.estimate, let l = e?.lower, let u = e?.upper {
                    logHR[a, default: []].append(log(x) - log(truth))
                    fitted[a, default: 0] += 1
                    if l <= truth && truth <= u { covered[a, default: 0] += 1 }
                    line += ",\(x),\(l),\(u)"
                } else {
                    line += ",,,"
                }
            }
            rows += line + "\n"
            if (seed - firstSeed + 1) % 20 == 0 {
                FileHandle.standardError.write("\(seed - firstSeed + 1) seeds, \(Int(Date().timeIntervalSince(started))) s\n".data(using: .utf8)!)
            }
        }
        if let perSeed { try rows.write(toFile: perSeed, atomically: true, encoding: .utf8) }
        let meanTruth = truths.reduce(0, +) / Double(truths.count)
        print("strategy comparison coverage: \(seeds) seeds (\(firstSeed)...\(firstSeed + seeds - 1)), \(patients) patients each, confounded assignment")
        print("propensity covariates: \(plan.strategyCovariates.joined(separator: ", ")); relapse.max_days_apart \(plan.relapseMaxDaysApart)")
        print("truth relapse_marginal_hazard_ratio: mean \(String(format: "%.4f", meanTruth)) (min \(String(format: "%.4f", truths.min() ?? .nan)), max \(String(format: "%.4f", truths.max() ?? .nan)))")
        print("interval-censored relapse primary (relapse.primary_analysis auto) in \(primaryIC) of \(seeds) seeds")
        print("analysis                      fitted  coverage95  (MC se)  mean log-HR bias  bias/|log truth|  mean HR")
        for a in analyses {
            let d = logHR[a] ?? [], n = fitted[a] ?? 0
            let cov = n > 0 ? Double(covered[a] ?? 0) / Double(n) : .nan
            let bias = d.isEmpty ? .nan : d.reduce(0, +) / Double(d.count)
            let se = n > 0 ? (cov * (1 - cov) / Double(n)).squareRoot() : .nan
            print(a.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: " %6d  %9.3f  (%.3f)  %+16.4f  %15.1f %%  %7.4f", n, cov, se, bias,
                         100 * bias / abs(log(meanTruth)), exp(log(meanTruth) + bias)))
        }
    }

    /// The first number under `key` anywhere in a JSON object.
    static func find(_ key: String, in object: Any) -> Double? {
        if let d = object as? [String: Any] {
            if let v = d[key] as? NSNumber { return v.doubleValue }
            for k in d.keys.sorted() { if let v = find(key, in: d[k]!) { return v } }
        } else if let a = object as? [Any] {
            for x in a { if let v = find(key, in: x) { return v } }
        }
        return nil
    }
}
