import Foundation
import InfusionOutcomes

/// `outcomes-benchmark models [--rows N] [--covariates P] [--patients G] [--visits T] [--seed S] [--no-r]`:
/// times a logistic GLM (rows × covariates) and a random-intercept-and-slope LMM (patients × visits, REML) on
/// simulated data, and, when Rscript is on the PATH, R's glm and lme4::lmer on the same data (fit time only,
/// measured inside R with system.time), then prints the ratios and the largest coefficient differences.
enum ModelsBenchmark {
    static func run(_ arguments: [String]) throws {
        var rows = 1_000_000, p = 20, patients = 100_000, visits = 8, seed: UInt64 = 20_261_204, useR = true
        var k = 0
        while k < arguments.count {
            switch arguments[k] {
            case "--rows": k += 1; rows = Int(arguments[k]) ?? rows
            case "--covariates": k += 1; p = Int(arguments[k]) ?? p
            case "--patients": k += 1; patients = Int(arguments[k]) ?? patients
            case "--visits": k += 1; visits = Int(arguments[k]) ?? visits
            case "--seed": k += 1; seed = UInt64(arguments[k]) ?? seed
            case "--no-r": useR = false
            default: print("unknown argument \(arguments[k])"); return
            }
            k += 1
        }
        BLASThreads.set(1)
        var g = SurvivalBenchmark.Generator(seed: seed)
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

        // Logistic GLM: intercept + p standard normal covariates.
        var x = Matrix(rows: rows, columns: p + 1, repeating: 1)
        for j in 1...p { for i in 0..<rows { x.storage[j * rows + i] = g.normal() } }
        var beta = [Double](repeating: -0.5, count: p + 1)
        for j in 1...p {
            let sign: Double = j % 2 == 0 ? 1 : -1
            beta[j] = sign * 0.1 * Double(j % 5 + 1)
        }
        var y = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            var eta = 0.0
            for j in 0...p { eta += beta[j] * x.storage[j * rows + i] }
            y[i] = g.uniform() < 1 / (1 + exp(-eta)) ? 1 : 0
        }
        let names = ["(Intercept)"] + (1...p).map { "x\($0)" }
        var glm: GLMFit? = nil
        let glmTime = seconds(try clock.measure {
            glm = try GeneralizedLinearModel.fit(design: x, names: names, y: y, options: GLMOptions(family: .binomial))
        })

        // LMM: score = 20 + u0 + (−0.5 + u1) week + 0.3 age + e, weeks 0..T−1.
        let n = patients * visits
        var xl = Matrix(rows: n, columns: 3, repeating: 1), z = Matrix(rows: n, columns: 2, repeating: 1)
        var yl = [Double](repeating: 0, count: n), groups = [Int](repeating: 0, count: n)
        for s in 0..<patients {
            let u0 = 3 * g.normal(), u1 = 0.4 * g.normal(), age = 45 + 12 * g.normal()
            for v in 0..<visits {
                let i = s * visits + v
                xl[i, 1] = Double(v); xl[i, 2] = age; z[i, 1] = Double(v)
                yl[i] = 20 + u0 + (-0.5 + u1) * Double(v) + 0.3 * age + 2 * g.normal()
                groups[i] = s
            }
        }
        var lmm: LMMFit? = nil
        let lmmTime = seconds(try clock.measure {
            lmm = try LinearMixedModel.fit(design: xl, names: ["(Intercept)", "week", "age"], randomDesign: z,
                                           randomNames: ["(Intercept)", "week"], y: yl, groups: groups)
        })
        guard let glm, let lmm else { return }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let designMB = Double(rows * (p + 1) * 8) / 1e6
        print("models benchmark: glm \(rows) rows × \(p) covariates; lmm \(patients) patients × \(visits) visits; seed \(seed), 1 BLAS thread")
        print(String(format: "swift  glm %.3f s (%d iterations)  lmm %.3f s (%d evaluations)  peak RSS %.0f MB (glm design %.0f MB)",
                     glmTime, glm.iterations, lmmTime, lmm.iterations, Double(usage.ru_maxrss) / 1024, designMB))

        guard useR, let rscript = SurvivalBenchmark.findExecutable("Rscript") else { print("Rscript not found or --no-r: R comparison skipped"); return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-models-bench-\(seed)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let glmCSV = dir.appendingPathComponent("glm.csv"), lmmCSV = dir.appendingPathComponent("lmm.csv"), script = dir.appendingPathComponent("fit.R")
        var text = "y," + names.dropFirst().joined(separator: ",") + "\n"
        for i in 0..<rows {
            text += y[i] == 1 ? "1" : "0"
            for j in 1...p { text += ",\(x.storage[j * rows + i])" }
            text += "\n"
        }
        try text.write(to: glmCSV, atomically: false, encoding: .utf8)
        text = "y,week,age,id\n"
        for i in 0..<n { text += "\(yl[i]),\(xl[i, 1]),\(xl[i, 2]),\(groups[i])\n" }
        try text.write(to: lmmCSV, atomically: false, encoding: .utf8)
        try """
        suppressPackageStartupMessages(library(data.table)); suppressPackageStartupMessages(library(lme4))
        d <- fread("\(glmCSV.path)")
        tg <- system.time(f <- glm(y ~ ., family = binomial, data = d))[["elapsed"]]
        l <- fread("\(lmmCSV.path)")
        tl <- system.time(m <- lmer(y ~ week + age + (1 + week | id), data = l, REML = TRUE))[["elapsed"]]
        cat("glm", tg, "\\n"); cat("lmm", tl, "\\n")
        cat("glmcoef", sprintf("%.17g", coef(f)), "\\n"); cat("lmmcoef", sprintf("%.17g", fixef(m)), "\\n")
        cat("lmmloglik", sprintf("%.17g", as.numeric(logLik(m))), "\\n")
        """.write(to: script, atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rscript)
        process.arguments = [script.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(data: pipe.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8) ?? ""
        process.waitUntilExit()
        var values: [String: [Double]] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard let key = parts.first else { continue }
            values[String(key)] = parts.dropFirst().compactMap { Double($0) }
        }
        guard let rg = values["glm"]?.first, let rl = values["lmm"]?.first, let gc = values["glmcoef"], let lc = values["lmmcoef"] else {
            print("R run failed; output:\n\(output)")
            return
        }
        let glmDiff = zip(glm.coefficients.map { $0.estimate ?? .nan }, gc).map { abs($0 - $1) / max(abs($1), 1e-12) }.max() ?? .nan
        let lmmDiff = zip(lmm.coefficients.map { $0.estimate ?? .nan }, lc).map { abs($0 - $1) / max(abs($1), 1e-12) }.max() ?? .nan
        print(String(format: "R      glm %.3f s  lmer %.3f s", rg, rl))
        print(String(format: "R/swift  glm %.2fx  lmm %.2fx", rg / glmTime, rl / lmmTime))
        print(String(format: "largest relative coefficient difference: glm %.3g, lmm %.3g; lmm loglik swift %.6f R %.6f",
                     glmDiff, lmmDiff, lmm.logLikelihood, values["lmmloglik"]?.first ?? .nan))
    }
}
