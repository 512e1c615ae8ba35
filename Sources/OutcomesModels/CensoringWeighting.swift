import Foundation
import OutcomesLinearAlgebra

/// Inverse-probability-of-censoring weights from pooled logistic regression on person-period rows.
public struct CensoringWeights: Sendable {
    /// Weight of each row: Π over the subject's earlier rows j of (1 − p̂ⱼ numerator) / (1 − p̂ⱼ), so a row's
    /// weight is the inverse probability of having stayed uncensored up to its start (stabilized when a
    /// numerator model is given, else the numerator is 1).
    public let weights: [Double]
    /// The censoring model (nil when no row was censored: every weight is 1).
    public let model: GLMFit?
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
            return CensoringWeights(weights: Array(repeating: 1, count: n), model: nil,
                                    notes: ["no row is censored: every censoring weight is 1"])
        }
        let y = censored.map { $0 ? 1.0 : 0.0 }
        let model = try GeneralizedLinearModel.fit(design: design, names: names, y: y, options: GLMOptions(family: .binomial))
        var notes = model.notes.map { "censoring model: " + $0 }
        var stay = model.fitted.map { 1 - $0 }
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
        return CensoringWeights(weights: weights, model: model, notes: notes)
    }
}
