/// From a patient identifier to the patient's position among the accepted patients.
///
/// Exports usually list patients in identifier order; then the identifiers are kept sorted and searched by
/// bisection, which spares hashing every identifier of a large file into a dictionary. Otherwise a dictionary
/// holds the first position of each identifier. Both answer every question alike.
struct PatientLookup: Sendable {
    /// The identifiers in position order, when they are strictly increasing (so also unique).
    private let sortedIDs: [String]?
    private let positions: [String: Int]

    /// The lookup of `ids` in position order (for a repeated identifier, its first position).
    init(ids: [String]) {
        if ids.indices.dropFirst().allSatisfy({ ids[$0 - 1] < ids[$0] }) {
            self.init(strictlyIncreasing: ids)
        } else {
            var positions: [String: Int] = [:]
            positions.reserveCapacity(ids.count)
            for (offset, id) in ids.enumerated() where positions[id] == nil { positions[id] = offset }
            self.init(positions: positions)
        }
    }

    /// Identifiers known to be strictly increasing.
    init(strictlyIncreasing ids: [String]) {
        sortedIDs = ids
        positions = [:]
    }

    /// Identifiers by position.
    init(positions: [String: Int]) {
        sortedIDs = nil
        self.positions = positions
    }

    /// The position of `id`, or nil when no accepted patient has it.
    func index(of id: String) -> Int? {
        guard let ids = sortedIDs else { return positions[id] }
        var low = 0, high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }
}
