import Dispatch
import Foundation
import Synchronization

/// The `transfer run` children of a sweep, which must not outlive it: SIGINT and SIGTERM
/// sent to the sweep are forwarded to every child (each child has its own process group, so
/// a terminal's Ctrl-C reaches only the sweep), and each child asks the kernel to send it
/// SIGTERM when the sweep dies (`ParentDeath.bind`, for kill -9).
/// (`startForwarding`/`stopForwarding` are called from the sweep's thread only; the signal
/// handlers touch only the mutex-guarded state.)
public final class ChildProcesses: @unchecked Sendable {
    /// Environment variable naming the sweep's pid to a child.
    public static let parentVariable = "TRANSFER_SWEEP_PID"

    private struct State {
        var children: Set<pid_t> = []
        var received: Int32?
    }

    private let state = Mutex(State())
    private var sources: [DispatchSourceSignal] = []
    private let signals: [Int32] = [SIGINT, SIGTERM]

    public init() {}

    /// Starts forwarding: from now on SIGINT/SIGTERM are caught (not fatal to the sweep).
    public func startForwarding() {
        Self.unblockStopSignals()
        let made = signals.map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                let children = state.withLock { state -> Set<pid_t> in
                    state.received = state.received ?? number
                    return state.children
                }
                for pid in children { kill(pid, number) }
            }
            source.resume()
            return source
        }
        sources = made
    }

    /// Stops forwarding and restores the default actions.
    public func stopForwarding() {
        for source in sources { source.cancel() }
        sources = []
        for number in signals { signal(number, SIG_DFL) }
    }

    /// The first signal received, if any.
    public var received: Int32? { state.withLock { $0.received } }

    /// Registers a started child; a child started after a signal arrived gets it at once.
    public func add(_ pid: pid_t) {
        let pending = state.withLock { state -> Int32? in
            state.children.insert(pid)
            return state.received
        }
        if let pending { kill(pid, pending) }
    }

    public func remove(_ pid: pid_t) { _ = state.withLock { $0.children.remove(pid) } }

    /// Unblocks SIGINT and SIGTERM in the calling thread: a mask inherited from whatever started
    /// this process (e.g. a test runner) would otherwise hold them pending forever, and every
    /// child started from here would inherit it too.
    public static func unblockStopSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// The environment for a child: this process's, plus the sweep's pid.
    public static func childEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment[parentVariable] = String(getpid())
        return environment
    }
}

/// A child's side: die with the sweep that started it.
public enum ParentDeath {
    /// When started by a sweep (`TRANSFER_SWEEP_PID`), asks Linux for SIGTERM when the parent
    /// dies (`prctl(PR_SET_PDEATHSIG)`), and exits at once if it is already gone.
    public static func bind() {
        guard let text = ProcessInfo.processInfo.environment[ChildProcesses.parentVariable],
              let parent = pid_t(text) else { return }
        ChildProcesses.unblockStopSignals()
        // prctl is variadic in C, which Swift cannot call; its integer arguments pass the same
        // way through a fixed five-argument prototype on Linux's ABIs.
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        if let symbol = dlsym(nil, "prctl") {  // RTLD_DEFAULT
            let prctl = unsafeBitCast(symbol, to: Prctl.self)
            _ = prctl(1 /* PR_SET_PDEATHSIG */, UInt(SIGTERM), 0, 0, 0)
        }
        if getppid() != parent { exit(EXIT_FAILURE) }  // the sweep died before the request
    }
}
