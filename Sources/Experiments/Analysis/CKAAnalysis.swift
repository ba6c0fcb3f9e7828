import Datasets
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
        let needed = Set(plan.ckaGroups().flatMap { [$0.sourceBase, $0.targetBase] + $0.transferred.map(\.run) })
        return plan.runs.filter(needed.contains).map { ($0, RunStatus.of($0, in: layout)) }.filter { !$0.status.isDone }
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
        var rows: [CKARow] = []
        for split in config.splits {
            for target in [TaskSide.b, .a] {
                let selected = groups.filter { $0.split.name == split.name && $0.direction.target == target }
                guard !selected.isEmpty else { continue }
                var samples: [Int: ImageSample] = [:]
                for group in selected { samples[group.seed] = try sample(group, data: data) }
                rows += try DirectionAnalysis(groups: selected, samples: samples, layout: layout, progress: progress).rows()
            }
        }
        return rows
    }

    private func sample(_ group: CKAGroup, data: LoadedData) throws -> ImageSample {
        let resolved = try group.split.classSplit(seed: group.seed).resolve(classNames: data.train.classNames)
        let task = try data.task(config: plan.config, split: resolved, seed: group.seed, side: group.direction.target)
        let sample = try ImageSample(task: task, size: plan.config.analysis.ckaImages)
        if sample.count < plan.config.analysis.ckaImages {
            progress("note: task \(group.direction.target.rawValue) of \(group.split.name) (seed \(group.seed)) has "
                     + "\(sample.available) test images; using all of them (analysis.cka_images = \(plan.config.analysis.ckaImages))")
        }
        return sample
    }
}
