import Testing
import OutcomesLinearAlgebra
@testable import OutcomesSurvival

/// Issue 16 item 5: a cluster-robust variance with fewer than two clusters, or fewer clusters than coefficients,
/// is reported as not estimable (typed status, NaN robust columns, no robust tests), never as p = 0.
@Test("Robust variance with one cluster, or fewer clusters than coefficients, is not estimable")
func robustVarianceNotEstimable() throws {
    let f = Fixture("lung")
    let rows = f.completeRows(["time", "status", "age", "sex", "ph_ecog"])
    let data = try SurvivalData(exit: f.column("time", rows: rows), event: f.column("status", rows: rows).map { $0 == 1 })
    let design = try Matrix(rows: rows.count, columns: 3,
                            columnMajor: f.column("age", rows: rows) + f.column("sex", rows: rows) + f.column("ph_ecog", rows: rows))
    let names = ["age", "sex", "ph_ecog"]
    for clusterCount in [1, 2] {
        let clusters = try Grouping(codes: rows.indices.map { $0 % clusterCount }, labels: (0..<clusterCount).map(String.init))
        let model = try CoxRegression.fit(covariates: design, names: names, data: data, clusters: clusters)
        guard case .notEstimable(let reason) = model.robustVarianceStatus else {
            Issue.record("\(clusterCount) clusters: robust variance reported as estimable"); continue
        }
        #expect(reason.contains("\(clusterCount) cluster"))
        #expect(model.warnings.contains(reason))
        #expect(model.robustVariance == nil && model.robustWald == nil && model.robustScore == nil)
        for term in model.terms {
            #expect(term.robustStandardError?.isNaN == true && term.pValue.isNaN && term.z.isNaN && term.hazardRatioLower.isNaN)
            #expect(term.standardError > 0 && term.coefficient.isFinite)
        }
    }
    // Three clusters for three coefficients: estimable.
    let three = try Grouping(codes: rows.indices.map { $0 % 3 }, labels: ["a", "b", "c"])
    let model = try CoxRegression.fit(covariates: design, names: names, data: data, clusters: three)
    #expect(model.robustVarianceStatus == .estimated && model.robustVariance != nil)
    #expect(model.terms.allSatisfy { $0.pValue > 0 && $0.pValue <= 1 })
    let plain = try CoxRegression.fit(covariates: design, names: names, data: data)
    #expect(plain.robustVarianceStatus == .notRequested)
}
