import Testing
import OutcomesLinearAlgebra
@testable import OutcomesSurvival

/// Residuals, predicted curves, baseline hazard, concordance and AIC of Cox models against R (`residuals.coxph`,
/// `survfit.coxph`, `basehaz`, `concordance`, `AIC`), from make_fixtures_estimators.R. Tolerance 1e-6 relative
/// to max(1, |R|) as the Cox tests (the fit itself converges to R's 1e-9 criterion); counts exactly.
struct CoxDiagnosticsCase: CustomStringConvertible, Sendable {
    let name: String
    let cox: CoxCase
    /// New covariate rows (as R's newdata), row-major.
    let newdata: [[Double]]
    var description: String { name }
}

let coxDiagnosticsCases: [CoxDiagnosticsCase] = [
    .init(name: "coxdiag_lung_efron", cox: CoxCase(name: "", dataset: "lung", time: "time", event: "status", covariates: ["age", "sex", "ph_ecog"],
                                                   complete: ["time", "status", "age", "sex", "ph_ecog"]), newdata: [[60, 1, 0], [70, 2, 2]]),
    .init(name: "coxdiag_lung_breslow", cox: CoxCase(name: "", dataset: "lung", time: "time", event: "status", covariates: ["age", "sex", "ph_ecog"],
                                                     ties: .breslow, complete: ["time", "status", "age", "sex", "ph_ecog"]), newdata: [[60, 1, 0], [70, 2, 2]]),
    .init(name: "coxdiag_lung_strata", cox: CoxCase(name: "", dataset: "lung", time: "time", event: "status", covariates: ["age", "ph_ecog"],
                                                    strata: "sex", complete: ["time", "status", "age", "sex", "ph_ecog"]), newdata: [[60, 0], [70, 2]]),
    .init(name: "coxdiag_heart_weighted", cox: CoxCase(name: "", dataset: "heart", time: "stop", event: "event", entry: "start",
                                                       covariates: ["age", "year", "transplant"], strata: "surgery", weights: "w"),
          newdata: [[-10, 2, 0], [5, 4, 1]]),
    .init(name: "coxdiag_heart_efron", cox: CoxCase(name: "", dataset: "heart", time: "stop", event: "event", entry: "start",
                                                    covariates: ["age", "year", "surgery", "transplant"]),
          newdata: [[-10, 2, 0, 0], [5, 4, 1, 1]]),
    .init(name: "coxdiag_ties_efron", cox: CoxCase(name: "", dataset: "ties", time: "time", event: "status", covariates: ["x", "g"]), newdata: [[0, 1], [1, 2]]),
]

@Test("Cox residuals of every type match R residuals.coxph (1e-6)", arguments: coxDiagnosticsCases)
func coxResidualsMatchR(_ c: CoxDiagnosticsCase) throws {
    let b = try buildCox(c.cox)
    let model = try CoxRegression.fit(covariates: b.design, names: b.names, data: b.data, strata: b.strata,
                                      options: { var o = CoxOptions(); o.ties = c.cox.ties; return o }())
    let r = Reference.estimators
    for type in CoxResidualType.allCases {
        let res = try CoxRegression.residuals(type, covariates: b.design, names: b.names, data: b.data, strata: b.strata, model: model)
        expectClose(res.values.storage, r.numbers(c.name, "res_" + type.rawValue), 1e-6, "\(c.name) \(type.rawValue) residuals")
        if type == .schoenfeld {
            expectClose(res.times ?? [], r.numbers(c.name, "res_schoenfeld_time"), 0, "\(c.name) Schoenfeld times")
            #expect(res.rows.allSatisfy { b.data.event[$0] })
        } else if type != .scaledSchoenfeld {
            #expect(res.rows == Array(0..<b.data.count))
        }
    }
    expectClose([model.aic], [r.number(c.name, "aic")], 1e-6, "\(c.name) AIC")
}

@Test("Concordance and its standard error match R concordance(fit) (1e-10, pair counts included)", arguments: coxDiagnosticsCases)
func coxConcordanceMatchesR(_ c: CoxDiagnosticsCase) throws {
    let b = try buildCox(c.cox)
    let model = try CoxRegression.fit(covariates: b.design, names: b.names, data: b.data, strata: b.strata,
                                      options: { var o = CoxOptions(); o.ties = c.cox.ties; return o }())
    let result = try CoxRegression.concordance(model: model, data: b.data, strata: b.strata)
    let r = Reference.estimators
    // The linear predictor is R's to 1e-9 or better; ties in it are exact because equal covariates give equal η.
    expectClose([result.concordance], [r.number(c.name, "concordance")], 1e-10, "\(c.name) concordance")
    expectClose([result.standardError], [r.number(c.name, "concordance_se")], 1e-10, "\(c.name) concordance se")
    expectClose([result.concordant, result.discordant, result.tiedScore, result.tiedTime], r.numbers(c.name, "concordance_count"), 1e-10,
                "\(c.name) pair counts (weighted sums)")
}

@Test("Predicted survival curves and the baseline hazard match R survfit.coxph and basehaz (1e-6)", arguments: coxDiagnosticsCases)
func coxPredictionMatchesR(_ c: CoxDiagnosticsCase) throws {
    let b = try buildCox(c.cox)
    let model = try CoxRegression.fit(covariates: b.design, names: b.names, data: b.data, strata: b.strata,
                                      options: { var o = CoxOptions(); o.ties = c.cox.ties; return o }())
    let newValues = try Matrix(c.newdata)
    let curves = try CoxRegression.predictSurvival(covariates: b.design, names: b.names, data: b.data, strata: b.strata,
                                                   model: model, newCovariates: newValues)
    let rows = curves.flatMap(\.rows)
    let r = Reference.estimators
    expectClose(rows.map(\.time), r.numbers(c.name, "pred_time"), 0, "\(c.name) times")
    expectClose(rows.map(\.atRisk), r.numbers(c.name, "pred_n_risk"), 1e-10, "\(c.name) n at risk")
    expectClose(rows.map(\.cumulativeHazard), r.numbers(c.name, "pred_cumhaz"), 1e-6, "\(c.name) cumhaz")
    expectClose(rows.map(\.standardError), r.numbers(c.name, "pred_std_err"), 1e-6, "\(c.name) std.err")
    expectClose(rows.map(\.survival), r.numbers(c.name, "pred_surv"), 1e-6, "\(c.name) surv")
    expectClose(rows.map(\.lower), r.numbers(c.name, "pred_lower"), 1e-6, "\(c.name) lower")
    expectClose(rows.map(\.upper), r.numbers(c.name, "pred_upper"), 1e-6, "\(c.name) upper")
    expectClose(CoxRegression.centringValues(covariates: b.design), r.numbers(c.name, "means"), 1e-12, "\(c.name) means")
    let centred = try CoxRegression.baselineHazard(covariates: b.design, names: b.names, data: b.data, strata: b.strata, model: model)
    expectClose(centred.map(\.cumulativeHazard), r.numbers(c.name, "basehaz_centered"), 1e-6, "\(c.name) basehaz centered")
    let zero = try CoxRegression.baselineHazard(covariates: b.design, names: b.names, data: b.data, strata: b.strata, model: model, centered: false)
    expectClose(zero.map(\.cumulativeHazard), r.numbers(c.name, "basehaz_zero"), 1e-6, relative: true, "\(c.name) basehaz at zero")
}

@Test("Harrell's concordance by hand: perfect, reversed and tied scores")
func concordanceByHand() throws {
    let data = try SurvivalData(exit: [1, 2, 3, 4], event: [true, true, true, false])
    #expect(try Concordance.harrell(data, score: [4, 3, 2, 1]).concordance == 1)
    #expect(try Concordance.harrell(data, score: [1, 2, 3, 4]).concordance == 0)
    let tied = try Concordance.harrell(data, score: [1, 1, 1, 1])
    #expect(tied.concordance == 0.5 && tied.tiedScore == 6)
    let none = try SurvivalData(exit: [1, 2], event: [false, false])
    #expect(throws: SurvivalError.self) { try Concordance.harrell(none, score: [1, 2]) }
}
