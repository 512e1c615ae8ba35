import Foundation
import Testing
@testable import OutcomesModels

/// MMRM against nlme::gls (make_fixtures_models.R): unstructured = corSymm + varIdent, AR(1) = corAR1 on the
/// visit index, compound symmetry = corCompSymm. The mmrm package is not installable here, so its Satterthwaite
/// df are not checked against R. Tolerances as issue 11: coefficients and standard errors 1e-6 relative (a
/// coefficient smaller than its standard error: 1e-6 of the standard error, since the likelihood is flat there
/// and gls itself moves it by 2e-6 relative between optimizers), covariance 1e-4 relative, log-likelihood 1e-6
/// absolute; least-squares means and their SEs 1e-6 relative. Under ML, nlme scales the covariance of the fixed
/// effects by n/(n − p) and mmrm does not; we follow mmrm and compare with gls after that scaling.
@Suite struct MMRMTests {
    static let table = ModelFixtures.table("lmm_data.csv")

    func fit(_ structure: CovarianceStructure, reml: Bool = true, fallback: [CovarianceStructure] = [],
             table: ModelTable = MMRMTests.table) throws -> MMRMFit {
        let d = try DesignMatrix(table: table, terms: ModelTerms(parsing: "age, sex, arm*week"),
                                 options: DesignOptions(factors: ["week"], alsoRequired: ["score", "id"]))
        let visitLabels = d.levels["week"]!
        let visits = try table.labels("week", rows: d.rows).map { visitLabels.firstIndex(of: $0)! }
        let ids = try table.labels("id", rows: d.rows)
        let idLevels = Array(Set(ids)).sorted()
        var options = MMRMOptions()
        options.reml = reml
        options.fallback = fallback
        return try MixedModelRepeatedMeasures.fit(design: d, y: table.numbers("score", rows: d.rows), subjects: ids.map { idLevels.firstIndex(of: $0)! },
                                                  visits: visits, visitLabels: visitLabels, requested: structure,
                                                  visitVariable: "week", byVariable: "arm", options: options)
    }

    func check(_ fit: MMRMFit, _ caseName: String, ml: Bool = false) {
        let scale = ml ? (Double(fit.n) / Double(fit.n - fit.coefficients.count)).squareRoot() : 1
        let reference = ModelFixtures.terms(caseName)
        #expect(fit.coefficients.map(\.name) == reference.map(\.term))
        for (c, r) in zip(fit.coefficients, reference) {
            let b = r.values["coef"]!, se = r.values["se"]!
            #expect(abs(c.estimate! - b) <= 1e-6 * max(abs(b), se), "\(caseName) \(c.name) coef \(c.estimate!) vs \(b)")
            #expect(close(c.standardError! * scale, se, relative: 1e-6), "\(caseName) \(c.name) se \(c.standardError!) vs \(se)")
        }
        #expect(abs(fit.logLikelihood - ModelFixtures.model(caseName, "loglik")) < 1e-6, "\(caseName) loglik \(fit.logLikelihood)")
        #expect(abs(fit.aic - ModelFixtures.model(caseName, "aic")) < 2e-6)
        for i in 0..<4 { for j in 0..<4 {
            let r = ModelFixtures.model(caseName, "cov_\(j * 4 + i + 1)")
            #expect(close(fit.covariance[i][j], r, relative: 1e-4), "\(caseName) cov[\(i)][\(j)] \(fit.covariance[i][j]) vs \(r)")
        } }
        let (_, rows) = ModelFixtures.rows(caseName + "_lsmeans.csv")
        #expect(fit.lsmeans.count == rows.count)
        for r in rows {
            guard let m = fit.lsmeans.first(where: { $0.visit == r[0] && ($0.by ?? "") == r[1] }) else {
                Issue.record("\(caseName): no least-squares mean at visit \(r[0]) arm '\(r[1])'"); continue
            }
            #expect(close(m.estimate, Double(r[2])!, relative: 1e-6), "\(caseName) lsmean \(r[0]) \(r[1])")
            #expect(close(m.standardError * scale, Double(r[3])!, relative: 1e-6), "\(caseName) lsmean se \(r[0]) \(r[1])")
        }
    }

    @Test func unstructuredREMLMatchesGLS() throws {
        let fit = try fit(.us)
        #expect(fit.used == .us)
        check(fit, "mmrm_us_reml")
    }

    @Test func unstructuredMLMatchesGLS() throws { check(try fit(.us, reml: false), "mmrm_us_ml", ml: true) }
    @Test func ar1MatchesGLS() throws { check(try fit(.ar1), "mmrm_ar1_reml") }
    @Test func compoundSymmetryMatchesGLS() throws { check(try fit(.cs), "mmrm_cs_reml") }

    @Test func heterogeneousToeplitzEqualsUnstructuredWithTwoVisits() throws {
        // With two visits both structures have two variances and one correlation: the fits must coincide.
        let t = MMRMTests.table
        let keep = (0..<t.rowCount).filter { i in
            if case .numeric(let w) = t.columns[t.names.firstIndex(of: "week")!] { return w[i] <= 2 }
            return false
        }
        let sub = try ModelTable(names: t.names, columns: t.columns.map { c in
            switch c {
            case .numeric(let v): return .numeric(keep.map { v[$0] })
            case .text(let v): return .text(keep.map { v[$0] })
            }
        })
        let d = try DesignMatrix(table: sub, terms: ModelTerms(parsing: "age, week"), options: DesignOptions(factors: ["week"], alsoRequired: ["score", "id"]))
        let labels = d.levels["week"]!
        let visits = try sub.labels("week", rows: d.rows).map { labels.firstIndex(of: $0)! }
        let ids = try sub.labels("id", rows: d.rows)
        let idLevels = Array(Set(ids)).sorted()
        func run(_ s: CovarianceStructure) throws -> MMRMFit {
            try MixedModelRepeatedMeasures.fit(design: d, y: sub.numbers("score", rows: d.rows), subjects: ids.map { idLevels.firstIndex(of: $0)! },
                                               visits: visits, visitLabels: labels, requested: s, visitVariable: "week", byVariable: nil)
        }
        let us = try run(.us), toeph = try run(.toeph)
        #expect(abs(us.logLikelihood - toeph.logLikelihood) < 1e-7)
        for (a, b) in zip(us.coefficients, toeph.coefficients) { #expect(close(a.estimate, b.estimate!, relative: 1e-6)) }
    }

    @Test func duplicateVisitIsAnError() throws {
        let table = try ModelTable(names: ["y", "visit", "id"], columns: [.numeric([1, 2, 3, 4]), .numeric([1, 1, 1, 2]), .text(["a", "a", "b", "b"])])
        let d = try DesignMatrix(table: table, terms: ModelTerms(parsing: "visit"), options: DesignOptions(factors: ["visit"]))
        #expect(throws: ModelError.self) {
            try MixedModelRepeatedMeasures.fit(design: d, y: [1, 2, 3, 4], subjects: [0, 0, 1, 1], visits: [0, 0, 0, 1],
                                               visitLabels: ["1", "2"], requested: .us, visitVariable: "visit", byVariable: nil)
        }
    }
}


/// The fallback chain: a visit seen in one subject only makes its variance collapse to zero under the
/// per-visit-variance structures (us, toeph), so the fit falls back to AR(1), and says why.
@Suite struct MMRMFallbackTests {
    @Test func collapsingVisitVarianceFallsBackAlongTheChain() throws {
        var y: [Double] = [], visit: [Double] = [], id: [String] = []
        for s in 0..<30 {
            let u = Double((s * 37) % 11) / 3 - 1.5
            for v in 1...2 {
                y.append(10 + u + Double(v) + Double((s * 13 + v * 7) % 9) / 4)
                visit.append(Double(v)); id.append("s\(s)")
            }
        }
        y.append(14); visit.append(3); id.append("s0")
        let table = try ModelTable(names: ["y", "visit", "id"], columns: [.numeric(y), .numeric(visit), .text(id)])
        let d = try DesignMatrix(table: table, terms: ModelTerms(parsing: "visit"), options: DesignOptions(factors: ["visit"]))
        let labels = d.levels["visit"]!
        let ids = Array(Set(id)).sorted()
        var options = MMRMOptions()
        options.fallback = CovarianceStructure.defaultChain
        let fit = try MixedModelRepeatedMeasures.fit(design: d, y: y, subjects: id.map { ids.firstIndex(of: $0)! },
                                                     visits: visit.map { labels.firstIndex(of: ModelTable.decimal($0))! }, visitLabels: labels,
                                                     requested: .us, visitVariable: "visit", byVariable: nil, options: options)
        #expect(fit.requested == .us)
        #expect(fit.used == .ar1 || fit.used == .cs)
        #expect(fit.notes.contains { $0.hasPrefix("covariance us (unstructured) did not converge") })
        #expect(fit.notes.contains { $0.hasPrefix("covariance used: \(fit.used.rawValue)") })
    }
}
