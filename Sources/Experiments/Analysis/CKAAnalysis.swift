import Foundation
import NeuralNet

/// `transfer analyze`: the linear CKA between corresponding layers (conv1…fc7) of the nets of
/// a finished study, on a fixed sample of each target task's test images:
/// baseA vs baseB; each transferred net (XnY, XnY+ for every n) vs the base it copies from;
/// and each net vs the same treatment of every other seed.
public struct CKAAnalysis {
    public let plan: ExperimentPlan
    public let layout: ResultsLayout
    /// OpenMP threads of the compute thread.
    public let threads: Int
    /// Receives one line per network (and notes about the image samples).
    public let progress: (String) -> Void

    public init(plan: ExperimentPlan, layout: ResultsLayout, threads: Int, progress: @escaping (String) -> Void = { _ in }) {
        self.plan = plan
        self.layout = layout
        self.threads = max(1, threads)
        self.progress = progress
    }

    /// Every run the analysis reads that is not done, with its status, in plan order.
    public func missingRuns() -> [(run: RunSpec, status: RunStatus)] {
        neededRuns().map { ($0, RunStatus.of($0, in: layout)) }.filter { !$0.status.isDone }
    }

    /// Every run the analysis reads, in plan order.
    func neededRuns() -> [RunSpec] {
        let needed = Set(plan.ckaGroups().flatMap { [$0.sourceBase, $0.targetBase] + $0.transferred.map(\.run) })
        return plan.runs.filter(needed.contains)
    }

    /// Every row, split by split and direction by direction. Checks first that every needed
    /// run is done (`AnalysisError.missingRuns` lists those that are not; nothing is computed).
    public func compute() throws -> [CKARow] {
        let missing = missingRuns()
        guard missing.isEmpty else {
            throw AnalysisError.missingRuns(missing.map { "\($0.run.qualifiedName): \($0.status)" })
        }
        ComputeThread.shared.threads = threads
        let config = plan.config
        let data = try LoadedData.load(config.dataset, mean: config.training.mean)
        let groups = plan.ckaGroups()
        var keys: [String] = []   // split folder and direction, in plan order
        for group in groups where !keys.contains(group.split + " " + group.direction) {
            keys.append(group.split + " " + group.direction)
        }
        var rows: [CKARow] = []
        for key in keys {
            let selected = groups.filter { $0.split + " " + $0.direction == key }
            var samples: [Int: ImageSample] = [:]
            for group in selected { samples[group.seed] = try sample(group, data: data) }
            rows += try DirectionAnalysis(groups: selected, samples: samples, layout: layout, progress: progress).rows()
        }
        return rows
    }

    /// The fixed sample of the group's target task's test images.
    private func sample(_ group: CKAGroup, data: LoadedData) throws -> ImageSample {
        let target = group.targetBase
        let resolved = try target.split.classSplit(seed: target.seed).resolve(classNames: data.train.classNames)
        let task = try data.task(for: target, split: resolved)
        let size = plan.config.analysis.ckaImages
        let sample = try ImageSample(task: task, size: size)
        if sample.count < size {
            progress("note: the target task of \(group.split) \(group.direction) (seed \(group.seed)) has "
                     + "\(sample.available) test images; using all of them (analysis.cka_images = \(size))")
        }
        return sample
    }
}
