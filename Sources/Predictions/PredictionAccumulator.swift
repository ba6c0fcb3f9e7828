import Foundation
import Metrics

/// Collects the rows of a predictions file: labels and score values (the N×K values ROC
/// needs, and nothing else per row), or for predicted labels only the K×K counts.
struct PredictionAccumulator {
    let schema: PredictionSchema
    let file: String
    private(set) var table: ClassTable
    private(set) var labels: [Int] = []
    private(set) var values: [Double] = []
    /// Labels only: counts[true][predicted], grown as classes are discovered.
    private(set) var counts: [[Int]] = []
    /// The first row of per-class probabilities that does not sum to 1.
    private(set) var unnormalized: (line: Int, sum: Double)?
    private(set) var rows = 0

    init(schema: PredictionSchema, table: ClassTable, file: String) {
        self.schema = schema
        self.table = table
        self.file = file
    }

    mutating func add(line: Int, fields: [Field?]) throws {
        rows += 1
        let label = try table.resolve(fields[schema.labelColumn], at: location(line, schema.labelColumn, fields),
                                      file: file)
        guard schema.kind != .labelsOnly else {
            let column = schema.predictionColumn!
            let predicted = try table.resolve(fields[column], at: location(line, column, fields), file: file)
            count(label, predicted)
            return
        }
        labels.append(label)
        var sum = 0.0
        for column in schema.scoreColumns {
            let v = try number(fields[column], at: location(line, column, fields))
            values.append(v)
            sum += v
        }
        if schema.kind == .perClass && !schema.logits && unnormalized == nil
            && abs(sum - 1) > PredictionScores.probabilitySumTolerance {
            unnormalized = (line, sum)
        }
    }

    private mutating func count(_ label: Int, _ predicted: Int) {
        let k = table.names.count
        if counts.count < k {
            for i in counts.indices { counts[i] += [Int](repeating: 0, count: k - counts[i].count) }
            counts += [[Int]](repeating: [Int](repeating: 0, count: k), count: k - counts.count)
        }
        counts[label][predicted] += 1
    }

    private func location(_ line: Int, _ column: Int, _ fields: [Field?]) -> FieldLocation {
        FieldLocation(line: line, column: fields[column]?.column, key: schema.header[column])
    }

    /// A score cell: a finite number (logits), or a probability in [0, 1].
    private func number(_ field: Field?, at location: FieldLocation) throws -> Double {
        let text = field?.trimmed ?? ""
        guard let field, !text.isEmpty else { throw location.error(file, "missing score") }
        if field.isString { throw location.error(file, "a string (\"\(text)\"), not a number") }
        guard let v = Double(text) else { throw location.error(file, "not a number: \"\(text)\"") }
        if v.isNaN { throw location.error(file, "NaN is not a score") }
        if schema.logits {
            if v.isInfinite { throw location.error(file, "infinite logit \(text)") }
        } else if !(v >= 0 && v <= 1) {
            throw location.error(file, "\(text) is not a probability in [0, 1] (pass --logits if these are logits)")
        }
        return v
    }
}
