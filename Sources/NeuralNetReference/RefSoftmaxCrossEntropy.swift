/// Softmax cross-entropy averaged over the batch, and its gradient with respect to the logits.
///
/// `logits` is [N, K], `labels` holds N class indices in 0..<K. Computed stably with
/// log-sum-exp: `loss_n = m_n + log Σ_k exp(x_nk − m_n) − x_n,label` with `m_n = max_k x_nk`;
/// `loss = (1/N) Σ_n loss_n` (PyTorch `CrossEntropyLoss`, reduction "mean").
/// `gradLogits[n, k] = (softmax(x_n)_k − [k == label_n]) / N`.
public func refSoftmaxCrossEntropy<T: BinaryFloatingPoint>(logits: RefTensor<T>, labels: [Int]) throws
    -> (loss: T, gradLogits: RefTensor<T>) {
    let layer = "refSoftmaxCrossEntropy"
    guard logits.rank == 2, logits.shape[0] >= 1, logits.shape[1] >= 1 else {
        throw ReferenceError.invalidShape(layer: layer, shape: logits.shape, reason: "logits must be [N, K] with N, K ≥ 1")
    }
    let (n, k) = (logits.shape[0], logits.shape[1])
    guard labels.count == n else {
        throw ReferenceError.invalidShape(layer: layer, shape: logits.shape, reason: "got \(labels.count) labels for \(n) samples")
    }
    if let bad = labels.firstIndex(where: { !(0..<k).contains($0) }) {
        throw ReferenceError.invalidLabel(layer: layer, index: bad, label: labels[bad], reason: "must be in 0..<\(k)")
    }
    var total: T = 0
    var grad = RefTensor<T>(zeros: logits.shape)
    let batch = T(n)
    for sample in 0..<n {
        let row = logits.data[(sample * k)..<((sample + 1) * k)]
        let m = row.max() ?? 0
        let logSumExp = m + refLog(row.reduce(T(0)) { $0 + refExp($1 - m) })
        total += logSumExp - row[sample * k + labels[sample]]
        for j in 0..<k {
            let softmax = refExp(row[sample * k + j] - logSumExp)
            grad.data[sample * k + j] = (softmax - (j == labels[sample] ? 1 : 0)) / batch
        }
    }
    return (total / batch, grad)
}
