import Foundation
import NeuralNet
let threads = Int(ProcessInfo.processInfo.environment["T"] ?? "2")!
ComputeThread.shared.threads = threads
let r = try ComputeThread.shared.run { try Benchmark.run(.fmnist8(classes: 5), name: "fmnist8", profile: true) }
let enc = JSONEncoder(); enc.outputFormatting = .sortedKeys
print(String(decoding: try enc.encode(r), as: UTF8.self))
