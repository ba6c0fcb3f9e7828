import CDNNL
import Foundation

/// The one thread all oneDNN compute of a process runs on.
///
/// Debian's oneDNN is an OpenMP build: the team size is a per-thread setting
/// (`omp_set_num_threads`) and `OMP_NUM_THREADS` is read only at process start. Running every
/// primitive on one dedicated thread whose count is set explicitly gives a known team size,
/// avoids one OpenMP team per caller thread (e.g. parallel tests) and — with the same seed,
/// thread count and ISA — bit-identical results.
public final class ComputeThread: @unchecked Sendable {
    /// The process-wide compute thread. Its team size defaults to all cores.
    public static let shared = ComputeThread()

    private let condition = NSCondition()
    private var jobs: [(work: () -> Void, done: DispatchSemaphore)] = []
    private var thread: Thread?
    private var requestedThreads: Int
    private var appliedThreads = -1

    private init() {
        requestedThreads = ProcessInfo.processInfo.activeProcessorCount
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "transferability.compute"
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    /// The OpenMP team size used for subsequent work (≥ 1).
    public var threads: Int {
        get { condition.lock(); defer { condition.unlock() }; return requestedThreads }
        set { condition.lock(); requestedThreads = max(1, newValue); condition.unlock() }
    }

    /// Runs `body` on the compute thread and returns its result; calls are serialized.
    public func run<T>(_ body: () throws -> T) throws -> T {
        if Thread.current === thread { return try body() }
        return try withoutActuallyEscaping(body) { escapable in
            var result: Result<T, Error>?
            let done = DispatchSemaphore(value: 0)
            condition.lock()
            jobs.append(({ result = Result { try escapable() } }, done))
            condition.signal()
            condition.unlock()
            done.wait()
            return try result!.get()
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            var job: (() -> Void)? = jobs[0].work
            let done = jobs.removeFirst().done
            let want = requestedThreads
            condition.unlock()
            if want != appliedThreads {
                _ = cdnnl_omp_set_num_threads(Int32(want))
                appliedThreads = want
            }
            job?()
            job = nil  // release the caller's closure before waking it (it must not escape)
            done.signal()
        }
    }
}
