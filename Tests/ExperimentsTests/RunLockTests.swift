import Foundation
import Storage
import Testing
@testable import Experiments

/// The claim that keeps two processes (or a local and a Slurm sweep) off one run.
@Suite("run lock")
struct RunLockTests {
    @Test("a held run cannot be claimed again and shows as running; released, it can")
    func exclusive() throws {
        let (plan, layout) = try TransferCorrectnessTests.setUp()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let run = try plan.find(label: "baseB", split: "similar", seed: 0)
        var held: RunLock? = try RunLock(layout.lock(run))
        #expect(RunLock.isHeld(layout.lock(run)))
        guard case .running = RunStatus.of(run, in: layout) else { Issue.record("a held run is running"); return }
        #expect(throws: RunLock.Failure.self) { _ = try RunLock(layout.lock(run)) }
        // A trainer refuses to start a run another process holds.
        #expect(throws: RunLock.Failure.self) {
            try RunTrainer(plan: plan, run: run, options: RunOptions(layout: layout, threads: 1, echo: false)).execute()
        }
        withExtendedLifetime(held) {}
        held = nil
        #expect(!RunLock.isHeld(layout.lock(run)))
        _ = try RunLock(layout.lock(run))
    }
}
