import CDNNL
import Foundation

/// Steady-state throughput of a network's training step and inference on random data.
public struct BenchmarkResult: Codable, Sendable {
    public var network: String
    public var threads: Int
    public var isa: String
    public var onednnVersion: String
    public var trainBatch: Int
    public var inferBatch: Int
    public var trainImagesPerSecond: Double
    public var inferImagesPerSecond: Double
    /// Multiply-adds ×2 per image: forward; a training step is counted as 3× forward.
    public var forwardFLOPsPerImage: Double
    public var trainGFLOPs: Double
    public var inferGFLOPs: Double
    /// oneDNN's own SGEMM (1024³) on the same threads: a practical peak for this machine.
    public var sgemmGFLOPs: Double
    /// The measured fp32 FMA peak of the same threads (`FMAPeak`); nil on CPUs without AVX2/AVX-512.
    public var fmaPeakGFLOPs: Double?
    /// trainGFLOPs / fmaPeakGFLOPs: how close a training step comes to the machine's limit.
    public var trainShareOfPeak: Double?
    /// inferGFLOPs / fmaPeakGFLOPs.
    public var inferShareOfPeak: Double?
    /// Seconds per training step spent in each phase (forward, loss, backward, SGD).
    public var trainPhaseSeconds: [String: Double]

    enum CodingKeys: String, CodingKey {
        case network, threads, isa, onednnVersion = "onednn_version", trainBatch = "train_batch"
        case inferBatch = "infer_batch", trainImagesPerSecond = "train_images_per_s"
        case inferImagesPerSecond = "infer_images_per_s", forwardFLOPsPerImage = "forward_flops_per_image"
        case trainGFLOPs = "train_gflops", inferGFLOPs = "infer_gflops", sgemmGFLOPs = "sgemm_gflops"
        case fmaPeakGFLOPs = "fma_peak_gflops", trainShareOfPeak = "train_share_of_peak"
        case inferShareOfPeak = "infer_share_of_peak"
        case trainPhaseSeconds = "train_phase_seconds"
    }
}

public enum Benchmark {
    /// Runs `steps` timed training steps (after warm-up) and inference batches on random inputs.
    /// Must run on the compute thread.
    public static func run(_ description: NetworkDescription, name: String, trainBatch: Int = 128,
                           inferBatch: Int = 512, steps: Int = 30, profile: Bool = false) throws -> BenchmarkResult {
        // First, before oneDNN's threads exist and could spin beside it.
        let peak = FMAPeak.measure(threads: ComputeThread.shared.threads)?.gflops
        let net = try Network(description, seed: 1)
        var rng = SplitMix64(seed: 2)
        let inSize = net.inputSize
        let x = (0..<(trainBatch * inSize)).map { _ in rng.nextUnitFloat() }
        let labels = (0..<trainBatch).map { _ in Int32(rng.nextInt(below: max(2, net.outputCount))) % Int32(max(1, net.outputCount)) }
        let sgd = SGD()
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        try x.withUnsafeBufferPointer { xb in
            try labels.withUnsafeBufferPointer { lb in
                for _ in 0..<3 { _ = try net.trainingStep(input: xb, labels: lb, rng: &rng); sgd.step(net.layers, learningRate: 0.001) }
            }
        }
        let t0 = clock.now
        var sgdTime = 0.0
        Profiler.shared.reset()
        Profiler.shared.isEnabled = profile
        defer { Profiler.shared.isEnabled = false }
        try x.withUnsafeBufferPointer { xb in
            try labels.withUnsafeBufferPointer { lb in
                for _ in 0..<steps {
                    _ = try net.trainingStep(input: xb, labels: lb, rng: &rng)
                    let s0 = clock.now
                    sgd.step(net.layers, learningRate: 0.001)
                    sgdTime += seconds(clock.now - s0)
                }
            }
        }
        let trainTime = seconds(clock.now - t0)
        var phases = Profiler.shared.seconds.mapValues { $0 / Double(steps) }
        phases["sgd_update"] = sgdTime / Double(steps)
        phases["swift_other"] = trainTime / Double(steps) - phases.values.reduce(0, +)
        Profiler.shared.isEnabled = false
        let inferInput = (0..<(inferBatch * inSize)).map { _ in rng.nextUnitFloat() }
        _ = try net.predict(inferInput, batchSize: inferBatch)
        let inferSteps = max(5, steps / 2)
        let t1 = clock.now
        for _ in 0..<inferSteps { _ = try net.predict(inferInput, batchSize: inferBatch) }
        let inferTime = seconds(clock.now - t1)
        let flops = 2 * Double(try multiplyAdds(description))
        let trainRate = Double(steps * trainBatch) / trainTime
        let inferRate = Double(inferSteps * inferBatch) / inferTime
        let trainGFLOPs = trainRate * 3 * flops / 1e9, inferGFLOPs = inferRate * flops / 1e9
        return BenchmarkResult(network: name, threads: ComputeThread.shared.threads, isa: DNNLInfo.effectiveISA,
                               onednnVersion: DNNLInfo.version, trainBatch: trainBatch, inferBatch: inferBatch,
                               trainImagesPerSecond: trainRate, inferImagesPerSecond: inferRate,
                               forwardFLOPsPerImage: flops, trainGFLOPs: trainGFLOPs, inferGFLOPs: inferGFLOPs,
                               sgemmGFLOPs: try sgemmGFLOPs(), fmaPeakGFLOPs: peak,
                               trainShareOfPeak: peak.map { trainGFLOPs / $0 }, inferShareOfPeak: peak.map { inferGFLOPs / $0 },
                               trainPhaseSeconds: profile ? phases : [:])
    }

    /// GFLOP/s of a 1024×1024×1024 single-precision GEMM through oneDNN (best of 5).
    static func sgemmGFLOPs(size n: Int = 1024) throws -> Double {
        var rng = SplitMix64(seed: 3)
        let a = (0..<(n * n)).map { _ in rng.nextUnitFloat() }, b = (0..<(n * n)).map { _ in rng.nextUnitFloat() }
        var c = [Float](repeating: 0, count: n * n)
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            try check(dnnl_sgemm(78, 78, Int64(n), Int64(n), Int64(n), 1, a, Int64(n), b, Int64(n), 0, &c, Int64(n)),
                      "sgemm")
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        return 2 * Double(n * n * n) / best / 1e9
    }

    /// Multiply-adds of one forward pass per image (weight layers only).
    public static func multiplyAdds(_ description: NetworkDescription) throws -> Int {
        try Block.blocks(of: description).reduce(0) { total, b in
            let perOutput = b.weightShape.dropFirst().reduce(1, *)
            return total + b.layerShape.reduce(1, *) * perOutput
        }
    }
}
