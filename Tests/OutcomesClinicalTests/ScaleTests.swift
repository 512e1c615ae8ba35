import Testing
@testable import OutcomesClinical

@Test func bandsCoverEveryTotalOnce() {
    for scale in Scale.all {
        for t in 0...scale.totalMaximum {
            #expect(scale.bands.filter { t >= $0.lower && t <= $0.upper }.count == 1, "\(scale.id) \(t)")
        }
        #expect(scale.band(for: Double(scale.totalMaximum + 1)) == nil)
    }
    #expect(Scale.phq9.band(for: 10)?.name == "moderate")
    #expect(Scale.madrs.band(for: 35)?.name == "severe")
    #expect(Scale.phq9.totalMaximum == 27 && Scale.madrs.totalMaximum == 60)
}

@Test func scoringRules() {
    let full: [Int?] = [1, 2, 3, 0, 1, 2, 3, 0, 1]
    #expect(Scale.phq9.score(total: nil, items: full, maxProrated: 0) == .observed(13))
    #expect(Scale.phq9.score(total: 12, items: full, maxProrated: 0) == .observed(12))
    var oneMissing = full; oneMissing[0] = nil   // 12 over 8 items → 1.5 × 9 = 13.5 → 14 (rounded half away from zero)
    #expect(Scale.phq9.score(total: nil, items: oneMissing, maxProrated: 0).value == nil)
    #expect(Scale.phq9.score(total: nil, items: oneMissing, maxProrated: 1) == .prorated(14, missingItems: 1))
    var item9Missing = full; item9Missing[8] = nil
    if case .unusable(let why) = Scale.phq9.score(total: nil, items: item9Missing, maxProrated: 2) {
        #expect(why.contains("item 9"))
    } else { Issue.record("item 9 must never be prorated") }
}
