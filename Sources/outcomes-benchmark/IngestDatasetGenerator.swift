import Foundation
import InfusionOutcomes

/// Writes a valid dataset folder with `rows` assessments (20 per patient, alternating PHQ-9 and MADRS, weekly),
/// deterministically (SplitMix64 with a fixed seed), straight into byte buffers for speed.
enum IngestDatasetGenerator {
    static func write(rows: Int, to folder: URL) {
        let patients = (rows + 19) / 20
        var random = SplitMix64(seed: 20_250_304)
        var out = ByteSink(path: folder.appendingPathComponent("patients.csv").path)
        out.append("patient_id,diagnosis,sex,age,prior_treatments_failed,site,strategy\n")
        let diagnoses = ["MDD", "bipolar", "PTSD", "other"]
        for patient in 0..<patients {
            out.appendID(patient); out.append(",")
            out.append(diagnoses[Int(random.next() % 4)]); out.append(random.next() % 2 == 0 ? ",F," : ",M,")
            out.appendInt(18 + Int(random.next() % 60)); out.append(",")
            out.appendInt(Int(random.next() % 6)); out.append(",North,maintenance\n")
        }
        out.close()

        out = ByteSink(path: folder.appendingPathComponent("infusions.csv").path)
        out.append("patient_id,start,route,dose_mg_per_kg,duration_min,phase,completed\n")
        out.close()

        out = ByteSink(path: folder.appendingPathComponent("assessments.csv").path)
        out.append("patient_id,time,instrument,total," + (1...10).map { "item_\($0)" }.joined(separator: ",") + "\n")
        let firstDay = ISO8601.daysSinceEpoch(year: 2024, month: 1, day: 1)
        for row in 0..<rows {
            let patient = row / 20
            let visit = row % 20
            let isPHQ = visit % 2 == 0
            out.appendID(patient); out.append(",")
            let (year, month, day) = ISO8601.civilDate(daysSinceEpoch: firstDay + patient % 365 + 7 * (visit / 2))
            out.appendInt(year, width: 4); out.append("-"); out.appendInt(month, width: 2); out.append("-")
            out.appendInt(day, width: 2); out.append(isPHQ ? "T09:30:00,PHQ-9," : "T10:30:00,MADRS,")
            let itemCount = isPHQ ? 9 : 10
            let maximum = UInt64(isPHQ ? 4 : 7)
            var items: [Int] = []
            items.reserveCapacity(10)
            for _ in 0..<itemCount { items.append(Int(random.next() % maximum)) }
            if row % 50 != 0 { out.appendInt(items.reduce(0, +)) }
            for item in items { out.append(","); out.appendInt(item) }
            out.append(isPHQ ? ",\n" : "\n")
        }
        out.close()
    }
}

/// A seeded 64-bit generator (SplitMix64), reproducible across runs and platforms.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Buffered byte output to a file through stdio.
struct ByteSink {
    let file: UnsafeMutablePointer<FILE>
    var buffer: [UInt8] = []

    init(path: String) {
        file = fopen(path, "wb")!
        buffer.reserveCapacity(1 << 22)
    }

    mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 22 { flush() }
    }

    mutating func appendInt(_ value: Int, width: Int = 0) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(48 + rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            while count < width { raw[count] = 48; count += 1 }
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[index]) }
        }
    }

    /// Patient identifiers P0000001, P0000002, ...
    mutating func appendID(_ patient: Int) {
        buffer.append(UInt8(ascii: "P"))
        appendInt(patient + 1, width: 7)
    }

    mutating func flush() {
        buffer.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, file) }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() {
        flush()
        fclose(file)
    }
}
