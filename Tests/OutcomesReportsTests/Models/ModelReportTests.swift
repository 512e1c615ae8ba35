import Foundation
import Testing
@testable import OutcomesReports

/// `outcomes model` output: the JSON keys issue 11 pins, plain CSV of the terms, and errors naming the file.
@Suite struct ModelReportTests {
    static func write(_ text: String) -> String {
        let path = NSTemporaryDirectory() + "model-report-\(UUID().uuidString).csv"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    static let data = write("""
    y,x,g,n
    0,1.5,a,3
    1,2.0,b,4
    0,0.5,a,2
    1,3.1,b,6
    1,2.2,a,5
    0,1.1,b,1
    1,2.9,a,NA
    0,0.7,b,2
    1,1.9,a,4
    0,1.4,b,3

    """)

    @Test func glmJSONHasThePinnedKeys() throws {
        var r = ModelRequest(analysis: .glm, dataPath: Self.data, outcome: "y", covariates: "x, g")
        r.format = .json
        let out = try ModelReports.run(r)
        let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        #expect(object["analysis"] as? String == "glm")
        let terms = object["terms"] as! [[String: Any]]
        #expect(terms.map { $0["term"] as! String } == ["(Intercept)", "x", "gb"])
        for key in ["term", "coef", "se", "lower", "upper", "p", "z", "exp_coef", "exp_lower", "exp_upper", "robust_se"] {
            #expect(terms[0].keys.contains(key), "terms lack \(key)")
        }
        #expect(terms[0]["robust_se"] is NSNull)
        let model = object["model"] as! [String: Any]
        for key in ["n", "converged", "iterations", "loglik", "aic", "family", "link", "deviance", "null_deviance", "df_residual", "df_null"] {
            #expect(model.keys.contains(key), "model lacks \(key)")
        }
        #expect(model["n"] as? Int == 10)
    }

    @Test func csvIsTheTermsTableAlone() throws {
        var r = ModelRequest(analysis: .glm, dataPath: Self.data, outcome: "n", covariates: "x")
        r.family = .poisson
        r.format = .csv
        let lines = try ModelReports.run(r).split(separator: "\n")
        #expect(lines.first == "term,coef,se,z,p,lower,upper,exp_coef,exp_lower,exp_upper,robust_se")
        #expect(lines.count == 3)
        #expect(!lines.contains { $0.hasPrefix("#") })
    }

    @Test func badOutcomeNamesFileLineAndValue() throws {
        let path = Self.write("y,x\n0,1\n2,3\n1,2\n")
        let r = ModelRequest(analysis: .glm, dataPath: path, outcome: "y", covariates: "x")
        #expect { try ModelReports.run(r) } throws: { error in
            "\(error)".contains("\(path): line 3, column 'y': 2 is not in [0, 1]")
        }
    }
}

/// `outcomes model lmm` output keys (issue 11).
@Suite struct ModelLMMReportTests {
    @Test func lmmJSONHasThePinnedKeys() throws {
        var text = "y,t,id\n"
        for id in 1...8 { for t in 0..<4 { text += "\(Double(id % 3) + 0.5 * Double(t) + Double((id * 7 + t * 3) % 5) * 0.3),\(t),p\(id)\n" } }
        text += "4.0,0,p9\n"
        var r = ModelRequest(analysis: .lmm, dataPath: ModelReportTests.write(text), outcome: "y", covariates: "t")
        r.random = "1+t|id"
        r.format = .json
        let object = try JSONSerialization.jsonObject(with: Data(try ModelReports.run(r).utf8)) as! [String: Any]
        #expect(object["analysis"] as? String == "lmm")
        let terms = object["terms"] as! [[String: Any]]
        for key in ["term", "coef", "se", "lower", "upper", "p", "t", "df"] { #expect(terms[0].keys.contains(key), "terms lack \(key)") }
        let model = object["model"] as! [String: Any]
        for key in ["n", "converged", "iterations", "loglik", "aic", "method", "groups", "sigma", "bic"] { #expect(model.keys.contains(key), "model lacks \(key)") }
        #expect(model["groups"] as? Int == 9)
        let random = object["random"] as! [[String: Any]]
        #expect(random.map { $0["term"] as! String }.prefix(2) == ["(Intercept)", "t"])
        for key in ["group", "term", "variance", "sd"] { #expect(random[0].keys.contains(key)) }
        let correlations = object["random_correlations"] as! [[String: Any]]
        for key in ["group", "terms", "corr"] { #expect(correlations[0].keys.contains(key)) }
        #expect(correlations[0]["terms"] as? [String] == ["(Intercept)", "t"])
        #expect((object["notes"] as! [String]).contains { $0.contains("'p9'") })
    }
}

/// `outcomes model mmrm` output keys (issue 11) and its duplicate-visit error.
@Suite struct ModelMMRMReportTests {
    static func data(duplicate: Bool = false) -> String {
        var text = "y,visit,arm,id\n"
        for id in 1...12 { for v in 1...3 {
            text += "\(Double(id % 4) + 0.7 * Double(v) + Double((id * 5 + v * 3) % 7) * 0.4 + (id % 2 == 0 ? 0.5 : 0)),\(v),\(id % 2 == 0 ? "drug" : "placebo"),s\(id)\n"
        } }
        if duplicate { text += "3.0,2,drug,s4\n" }
        return ModelReportTests.write(text)
    }

    @Test func mmrmJSONHasThePinnedKeys() throws {
        var r = ModelRequest(analysis: .mmrm, dataPath: Self.data(), outcome: "y", covariates: "arm*visit")
        r.subject = "id"
        r.visit = "visit"
        r.lsmeansBy = "arm"
        r.format = .json
        let object = try JSONSerialization.jsonObject(with: Data(try ModelReports.run(r).utf8)) as! [String: Any]
        #expect(object["analysis"] as? String == "mmrm")
        let model = object["model"] as! [String: Any]
        for key in ["n", "converged", "iterations", "loglik", "aic", "method", "subjects", "covariance_requested", "covariance_used"] {
            #expect(model.keys.contains(key), "model lacks \(key)")
        }
        let covariance = object["covariance"] as! [String: Any]
        #expect(covariance["visits"] as? [String] == ["1", "2", "3"])
        #expect((covariance["matrix"] as? [[Double]])?.count == 3)
        let lsmeans = object["lsmeans"] as! [[String: Any]]
        #expect(lsmeans.count == 9)
        for key in ["visit", "arm", "estimate", "se", "df", "lower", "upper"] { #expect(lsmeans[0].keys.contains(key), "lsmeans lack \(key)") }
        let terms = object["terms"] as! [[String: Any]]
        #expect(terms.map { $0["term"] as! String } == ["(Intercept)", "armplacebo", "visit2", "visit3", "armplacebo:visit2", "armplacebo:visit3"])
    }

    @Test func duplicateVisitNamesBothLines() throws {
        var r = ModelRequest(analysis: .mmrm, dataPath: Self.data(duplicate: true), outcome: "y", covariates: "visit")
        r.subject = "id"
        r.visit = "visit"
        #expect { try ModelReports.run(r) } throws: { error in
            "\(error)".contains("line 38: subject 's4' already has a row at visit '2' (") && "\(error)".contains("line 12)")
        }
    }
}

/// `outcomes model weights` output (issue 13's generic part): JSON keys, the weights file, and errors.
@Suite struct ModelWeightsReportTests {
    static let data = ModelReportTests.write("""
    arm,age,site
    drug,50,a
    placebo,41,b
    drug,63,a
    placebo,,b
    drug,38,b
    placebo,55,a
    drug,47,a
    placebo,60,b
    drug,52,b
    placebo,44,a

    """)

    @Test func jsonAndWeightsFile() throws {
        let out = NSTemporaryDirectory() + "weights-\(UUID().uuidString).csv"
        var r = WeightsRequest(dataPath: Self.data, treatment: "arm", covariates: "age, site")
        r.out = out
        r.format = .json
        let object = try JSONSerialization.jsonObject(with: Data(try ModelReports.weights(r).utf8)) as! [String: Any]
        #expect(object["analysis"] as? String == "weights")
        let balance = object["balance"] as! [[String: Any]]
        #expect(balance.map { $0["covariate"] as! String } == ["age", "sitea", "siteb"])
        for key in ["covariate", "smd_before", "smd_after", "variance_ratio_before", "variance_ratio_after"] { #expect(balance[0].keys.contains(key)) }
        let ess = object["effective_sample_size"] as! [[String: Any]]
        #expect(ess.map { $0["group"] as! String } == ["drug", "placebo"])
        #expect(ess.map { $0["n"] as! Int } == [5, 4])
        #expect((object["terms"] as! [[String: Any]]).count == 3)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "row,ps,weight")
        #expect(lines.count == 10)
        #expect(lines[4].hasPrefix("5,"))   // data row 4 has no age and is left out
    }

    @Test func unknownTreatedValueIsAnError() throws {
        var r = WeightsRequest(dataPath: Self.data, treatment: "arm", covariates: "age")
        r.treated = "sham"
        #expect { try ModelReports.weights(r) } throws: { "\($0)".contains("--treated sham: 'sham' is not a value of 'arm'") }
    }
}
