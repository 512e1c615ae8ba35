import Foundation
import InfusionOutcomes

/// `outcomes-benchmark survival --rows N [--seed S] [--no-r]`: times Cox (Efron), Kaplan–Meier and log-rank on
/// simulated data with 10 covariates and, when Rscript is on the PATH, the same fits in R (fit time only,
/// measured inside R with system.time), then prints the ratios and the largest coefficient difference.
///
/// The file is the one issue 15 describes: 12 columns, `time` (whole days), `status` (0/1), `group` (0/1, a
/// treatment indicator that is also the first covariate) and nine normal covariates `x2`…`x10` written with
/// 4 decimals (about 90 MB for a million rows). The in-process fit uses the covariates rounded to exactly the
/// written values, so its coefficients are compared with R's on the same data.
enum SurvivalBenchmark {
    /// xoshiro256** seeded through SplitMix64: reproducible and fast.
    struct Generator {
        var s: (UInt64, UInt64, UInt64, UInt64)
        init(seed: UInt64) {
            var z = seed
            func next() -> UInt64 {
                z &+= 0x9E37_79B9_7F4A_7C15
                var x = z
                x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
                x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
                return x ^ (x >> 31)
            }
            s = (next(), next(), next(), next())
        }
        mutating func next() -> UInt64 {
            let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
            let t = s.1 << 17
            s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3; s.2 ^= t
            s.3 = (s.3 << 45) | (s.3 >> 19)
            return result
        }
        /// Uniform on (0, 1).
        mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }
        mutating func normal() -> Double {
            (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        }
    }

    static let covariates = 10

    static func run(_ arguments: [String]) throws {
        var rows = 100_000, seed: UInt64 = 20_261_125, useR = true, repeats = 3
        var k = 0
        while k < arguments.count {
            switch arguments[k] {
            case "--rows": k += 1; rows = Int(arguments[k]) ?? rows
            case "--seed": k += 1; seed = UInt64(arguments[k]) ?? seed
            case "--no-r": useR = false
            case "--repeat": k += 1; repeats = max(1, Int(arguments[k]) ?? repeats)
            default: print("unknown argument \(arguments[k])"); return
            }
            k += 1
        }
        BLASThreads.set(1)
        let p = covariates
        var g = Generator(seed: seed)
        // Column 0 is the 0/1 group; the others are normals rounded to 4 decimals, stored as the integer
        // ten-thousandths that the CSV writes: m / 10⁴ (one correctly rounded division) is the double a correct
        // reader parses from that text.
        var x = Matrix(rows: rows, columns: p)
        var tenThousandths = [Int](repeating: 0, count: rows * p)
        for j in 0..<p {
            for i in 0..<rows {
                let m = j == 0 ? (g.uniform() < 0.5 ? 10_000 : 0) : Int((g.normal() * 10_000).rounded())
                tenThousandths[j * rows + i] = m
                x.storage[j * rows + i] = Double(m) / 10_000
            }
        }
        let beta: [Double] = (0..<p).map { j -> Double in
            let sign: Double = j % 2 == 0 ? 1 : -1
            return sign * 0.05 * Double(j + 1)
        }
        var time = [Double](repeating: 0, count: rows), event = [Bool](repeating: false, count: rows)
        var group = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            var eta = 0.0
            for j in 0..<p { eta += beta[j] * x.storage[j * rows + i] }
            let t = -log(g.uniform()) / (0.1 * exp(eta))
            let c = -log(g.uniform()) / 0.05
            // Whole days (at least 1) so that ties are common, as in clinical follow-up.
            time[i] = max(1, (min(t, c)).rounded(.up))
            event[i] = t <= c
            group[i] = x.storage[i]
        }
        let data = try SurvivalData(exit: time, event: event)
        let names = ["group"] + (2...p).map { "x\($0)" }
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

        var model: CoxModel? = nil
        let coxTime = seconds(try clock.measure { model = try CoxRegression.fit(covariates: x, names: names, data: data) })
        let groups = Grouping(numeric: group)
        var curves: [KaplanMeierCurve] = []
        let kmTime = seconds(try clock.measure { curves = try KaplanMeier.fit(data, strata: groups) })
        var test: LogRankTest? = nil
        let lrTime = seconds(try clock.measure { test = try LogRank.test(data, groups: groups) })
        guard let model, let test else { return }
        print("survival benchmark: \(rows) rows, \(p) covariates, \(model.events) events, seed \(seed), 1 BLAS thread")
        print(String(format: "swift  cox efron %.3f s (%d iterations)  km %.3f s (%d curves)  log-rank %.3f s (chisq %.6f)",
                     coxTime, model.iterations, kmTime, curves.count, lrTime, test.chiSquare))

        guard useR, let rscript = findExecutable("Rscript") else { print("Rscript not found or --no-r: R comparison skipped"); return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-survival-bench-\(seed)-\(rows)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let csv = dir.appendingPathComponent("data.csv"), script = dir.appendingPathComponent("fit.R")
        var bytes: [UInt8] = Array(("time,status," + names.joined(separator: ",") + "\n").utf8)
        bytes.reserveCapacity(rows * 96)
        for i in 0..<rows {
            bytes.append(contentsOf: String(Int(time[i])).utf8)
            bytes.append(contentsOf: event[i] ? Array(",1".utf8) : Array(",0".utf8))
            bytes.append(contentsOf: group[i] == 1 ? Array(",1".utf8) : Array(",0".utf8))
            for j in 1..<p { bytes.append(UInt8(ascii: ",")); appendFourDecimals(tenThousandths[j * rows + i], to: &bytes) }
            bytes.append(UInt8(ascii: "\n"))
        }
        try Data(bytes).write(to: csv)
        try """
        suppressPackageStartupMessages(library(survival))
        d <- if (requireNamespace("data.table", quietly = TRUE)) as.data.frame(data.table::fread("\(csv.path)")) else read.csv("\(csv.path)")
        tc <- system.time(f <- coxph(Surv(time, status) ~ \(names.joined(separator: " + ")), d, ties = "efron"))[["elapsed"]]
        tk <- system.time(s <- survfit(Surv(time, status) ~ group, d))[["elapsed"]]
        tl <- system.time(l <- survdiff(Surv(time, status) ~ group, d))[["elapsed"]]
        cat("cox", tc, "\\n"); cat("km", tk, "\\n"); cat("logrank", tl, "\\n")
        cat("iter", f$iter, "\\n"); cat("chisq", sprintf("%.17g", l$chisq), "\\n")
        cat("coef", sprintf("%.17g", coef(f)), "\\n")
        """.write(to: script, atomically: false, encoding: .utf8)
        // Whole processes, interleaved with R and repeated: the machine is shared, so peers run in the same minutes.
        let megabytes = Double((try? FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? Int) ?? 0) / 1e6
        print(String(format: "whole processes on %@ (%.1f MB, %d rows x %d columns: time in whole days, status 0/1, group 0/1, %d covariates with 4 decimals; the model's %d covariates are group and those); %d interleaved runs; load average %@",
                     csv.path, megabytes, rows, 2 + p, p - 1, p, repeats, WholeProcess.loadAverage()))
        let outcomes = WholeProcess.outcomesExecutable
        if outcomes == nil { print("outcomes executable not found beside the benchmark: whole-process runs skipped") }
        var runs: [String: [Double]] = [:]
        var peaks: [String: Double] = [:]
        var output = ""
        let common = ["--data", csv.path, "--time", "time", "--event", "status"]
        for run in 1...repeats {
            print("run \(run) (load average \(WholeProcess.loadAverage()))")
            let r = WholeProcess.run(rscript, [script.path])
            output = r.output
            for line in r.output.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if let key = parts.first, ["cox", "km", "logrank"].contains(key), parts.count > 1, let value = Double(parts[1]) {
                    runs["R \(key)", default: []].append(value)
                }
            }
            print(String(format: "  R (fits timed inside R)  coxph %.2f s  survfit %.2f s  survdiff %.2f s",
                         runs["R cox"]?.last ?? .nan, runs["R km"]?.last ?? .nan, runs["R logrank"]?.last ?? .nan))
            guard let outcomes else { continue }
            for (name, extra) in [("cox", ["--covariates", names.joined(separator: ",")]), ("km", ["--group", "group"]), ("logrank", ["--group", "group"])] {
                let result = WholeProcess.run(outcomes, ["survival", name] + common + extra)
                guard result.status == 0 else { print("  outcomes survival \(name) exited \(result.status)"); continue }
                runs["outcomes \(name)", default: []].append(result.seconds)
                peaks[name] = max(peaks[name] ?? 0, result.peakMegabytes)
                print(String(format: "  outcomes survival %@ (whole process) %.2f s, peak %.0f MB", name, result.seconds, result.peakMegabytes))
            }
        }
        func median(_ key: String) -> Double { WholeProcess.median(runs[key] ?? []) }
        if outcomes != nil {
            print(String(format: "medians of %d runs (load average after: %@):", repeats, WholeProcess.loadAverage()))
            print(String(format: "  cox:         outcomes %.2f s (whole process)  R coxph %.2f s (fit alone)  R / outcomes %.2fx (target >= 5)",
                         median("outcomes cox"), median("R cox"), median("R cox") / median("outcomes cox")))
            let ours = median("outcomes km") + median("outcomes logrank"), theirs = median("R km") + median("R logrank")
            print(String(format: "  km+logrank:  outcomes %.2f s (two whole processes)  R survfit+survdiff %.2f s (calls alone)  R / outcomes %.2fx (target >= 3)",
                         ours, theirs, theirs / ours))
            print(String(format: "  peak memory: cox %.0f MB, km %.0f MB, logrank %.0f MB", peaks["cox"] ?? .nan, peaks["km"] ?? .nan, peaks["logrank"] ?? .nan))
        }
        var values: [String: [Double]] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard let key = parts.first else { continue }
            values[String(key)] = parts.dropFirst().compactMap { Double($0) }
        }
        guard let rc = values["cox"]?.first, let rk = values["km"]?.first, let rl = values["logrank"]?.first,
              let rcoef = values["coef"], rcoef.count == p else {
            print("R run failed; output:\n\(output)")
            return
        }
        let maxRelative = zip(model.terms.map(\.coefficient), rcoef).map { abs($0 - $1) / abs($1) }.max() ?? .nan
        let chisqR = values["chisq"]?.first ?? .nan
        print(String(format: "R      coxph %.3f s (%d iterations)  survfit %.3f s  survdiff %.3f s (chisq %.6f)",
                     rc, Int(values["iter"]?.first ?? 0), rk, rl, chisqR))
        print(String(format: "R/swift  cox %.2fx  km %.2fx  log-rank %.2fx", rc / coxTime, rk / kmTime, rl / lrTime))
        print(String(format: "largest relative coefficient difference %.3g; log-rank chisq relative difference %.3g",
                     maxRelative, abs(test.chiSquare - chisqR) / abs(chisqR)))
    }

    /// Appends m / 10⁴ with exactly four decimals ("-0.0123", "1.5000").
    static func appendFourDecimals(_ m: Int, to bytes: inout [UInt8]) {
        if m < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = abs(m)
        bytes.append(contentsOf: String(magnitude / 10_000).utf8)
        bytes.append(UInt8(ascii: "."))
        var fraction = magnitude % 10_000
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 4)
        for k in stride(from: 3, through: 0, by: -1) { digits[k] = UInt8(ascii: "0") + UInt8(fraction % 10); fraction /= 10 }
        bytes.append(contentsOf: digits)
    }

    static func findExecutable(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
