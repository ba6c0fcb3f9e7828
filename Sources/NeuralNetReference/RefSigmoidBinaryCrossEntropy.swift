/// Sigmoid binary cross-entropy on logits, averaged over the batch, and its gradient.
///
/// `logits` is [N] or [N, 1]; `labels` holds N values, each 0 or 1. Computed stably as
/// `loss_n = max(x, 0) − x·y + log(1 + exp(−|x|))` (PyTorch `BCEWithLogitsLoss`, mean);
/// `gradLogits = (σ(x) − y) / N` in the logits' shape.
public func refSigmoidBinaryCrossEntropy<T: BinaryFloatingPoint>(logits: RefTensor<T>, labels: [Int]) throws
    -> (loss: T, gradLogits: RefTensor<T>) {
    let layer = "refSigmoidBinaryCrossEntropy"
    guard (logits.rank == 1 || (logits.rank == 2 && logits.shape[1] == 1)), logits.shape[0] >= 1 else {
        throw ReferenceError.invalidShape(layer: layer, shape: logits.shape, reason: "logits must be [N] or [N, 1] with N ≥ 1")
    }
    let n = logits.shape[0]
    guard labels.count == n else {
        throw ReferenceError.invalidShape(layer: layer, shape: logits.shape, reason: "got \(labels.count) labels for \(n) samples")
    }
    if let bad = labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
        throw ReferenceError.invalidLabel(layer: layer, index: bad, label: labels[bad], reason: "must be 0 or 1")
    }
    var total: T = 0
    var grad = RefTensor<T>(zeros: logits.shape)
    let batch = T(n)
    for (index, (x, label)) in zip(logits.data, labels).enumerated() {
        let y = T(label)
        total += max(x, 0) - x * y + refLog1p(refExp(-abs(x)))
        // σ(x) without overflow: exp of a non-positive number only.
        let e = refExp(-abs(x))
        let sigmoid = x >= 0 ? 1 / (1 + e) : e / (1 + e)
        grad.data[index] = (sigmoid - y) / batch
    }
    return (total / batch, grad)
}
