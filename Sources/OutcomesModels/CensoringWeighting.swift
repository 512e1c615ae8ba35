import Foundation
import OutcomesLinearAlgebra

/// Inverse-probability-of-censoring weights from pooled logistic regression on person-period rows.
public struct CensoringWeights: Sendable {
    /// Weight of each row: Π over the subject's earlier rows j of (1 − p̂ⱼ numerator) / (1 − p̂ⱼ), so a row's
    /// weight is the inverse probability of having stayed uncensored up to its start (stabilized when a
    /// numerator model is given, else the numerator is 1).
    public let weights: [Double]
    /// The censoring model (nil when no row was censored, or when it was fitted for its probabilities only).
    public let model: GLMFit?
    /// Whether a censoring model was fitted (false when no row was censored: every weight is 1).
    public let modelled: Bool
    public let notes: [String]
}

/// Generic: any data in person-period form, one row per subject and period in time order within a subject.
public enum CensoringWeighting {
    /// - Parameters:
    ///   - design: the censoring model's design (with intercept), one row per person-period.
    ///   - numerator: the stabilizing model's design (e.g. intercept, group, period), or nil for unstabilized weights.
    ///   - censored: whether the subject is censored during that row's period (the model's outcome).
    ///   - subjects: the subject of each row; a subject's rows are consecutive and in period order.
    public static func fit(design: Matrix, names: [String], numerator: (design: Matrix, names: [String])?,
                           censored: [Bool], subjects: [Int]) throws(ModelError) -> CensoringWeights {
        let n = design.rows
        guard censored.count == n, subjects.count == n else { throw ModelError("censoring indicators or subjects do not fit the design") }
        guard censored.contains(true) else {
            return CensoringWeights(weights: Array(repeating: 1, count: n), model: nil, modelled: false,
                                    notes: ["no row is censored: every censoring weight is 1"])
        }
        let y = censored.map { $0 ? 1.0 : 0.0 }
        let model = try GeneralizedLinearModel.fit(design: design, names: names, y: y, options: GLMOptions(family: .binomial))
        return try weigh(stay: model.fitted.map { 1 - $0 }, model: model, notes: model.notes, numerator: numerator, censored: censored, subjects: subjects)
    }

    /// The same weights with the censoring model `censored ~ dense + factor(group)` fitted by
    /// ``AbsorbedFactorLogistic`` (a group with many levels, such as a site, solved for in closed form: O(rows) per
    /// step instead of O(rows · levels²), and no rows × levels design); `model` is then nil.
    public static func fit(dense: Matrix, denseNames: [String], group: [Int], groupLevels: Int, groupName: String = "group",
                           numerator: (design: Matrix, names: [String])?, censored: [Bool], subjects: [Int]) throws(ModelError) -> CensoringWeights {
        let n = dense.rows
        guard censored.count == n, subjects.count == n, group.count == n else { throw ModelError("censoring indicators, groups or subjects do not fit the design") }
        guard censored.contains(true) else {
            return CensoringWeights(weights: Array(repeating: 1, count: n), model: nil, modelled: false,
                                    notes: ["no row is censored: every censoring weight is 1"])
        }
        let model = try AbsorbedFactorLogistic.fit(dense: dense, names: denseNames, group: group, levels: groupLevels, groupName: groupName, y: censored)
        return try weigh(stay: model.fitted.map { 1 - $0 }, model: nil, notes: model.notes, numerator: numerator, censored: censored, subjects: subjects)
    }

    static func weigh(stay denominator: [Double], model: GLMFit?, notes modelNotes: [String], numerator: (design: Matrix, names: [String])?,
                      censored: [Bool], subjects: [Int]) throws(ModelError) -> CensoringWeights {
        let n = denominator.count
        let y = censored.map { $0 ? 1.0 : 0.0 }
        var notes = modelNotes.map { "censoring model: " + $0 }
        var stay = denominator
        if let numerator {
            let top = try GeneralizedLinearModel.fit(design: numerator.design, names: numerator.names, y: y, options: GLMOptions(family: .binomial))
            notes += top.notes.map { "censoring numerator model: " + $0 }
            for i in 0..<n { stay[i] = stay[i] > 0 ? (1 - top.fitted[i]) / stay[i] : .infinity }
        } else {
            for i in 0..<n { stay[i] = stay[i] > 0 ? 1 / stay[i] : .infinity }
        }
        var weights = [Double](repeating: 1, count: n)
        var running = 1.0
        for i in 0..<n {
            if i == 0 || subjects[i] != subjects[i - 1] { running = 1 }
            weights[i] = running
            running *= stay[i]
        }
        return CensoringWeights(weights: weights, model: model, modelled: true, notes: notes)
    }
}
