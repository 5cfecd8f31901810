#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads a pipe on a thread of its own into a bounded queue of blocks.
///
/// ffmpeg decodes in its own process, but a pipe holds only 64 KiB to 1 MiB: when the analysis
/// stops reading to work on a frame, ffmpeg soon blocks on a full pipe and the two take turns
/// instead of running side by side. This reader keeps draining the pipe while the analysis
/// works, up to `blockCount` blocks ahead, so decoding and analysis overlap. Memory is bounded
/// by `blockCount * blockSize` whatever the clip's length.
///
/// It runs on a `Thread`, not a task: the analysis blocks its own thread while it waits for
/// bytes, and a task would need a second cooperative thread that a one-core machine does not
/// have.
package final class PipePrefetcher: @unchecked Sendable {
    /// A filled block: valid until handed back with `recycle(_:)`.
    package struct Block {
        package let bytes: UnsafeRawBufferPointer
        fileprivate let storage: UnsafeMutableRawPointer
    }

    /// What `next(wait:)` found.
    package enum Next {
        case block(Block)
        /// Nothing is ready yet (only when not waiting).
        case empty
        /// The writer closed the pipe and every block was handed out; `errno` of a failed read, or 0.
        case end(readError: Int32)
    }

    private let fd: Int32
    private let blockSize: Int
    private let condition = NSCondition()
    private var ready: [Block] = []               // FIFO, oldest first
    private var free: [UnsafeMutableRawPointer]
    private var all: [UnsafeMutableRawPointer]
    private var finished = false
    private var readError: Int32 = 0
    private var cancelled = false
    private let exited = DispatchSemaphore(value: 0)
    private var started = false

    /// Takes no ownership of `fd`: close it after `join()`.
    package init(fd: Int32, blockSize: Int = 1 << 20, blockCount: Int = 8) {
        self.fd = fd
        self.blockSize = blockSize
        all = (0..<blockCount).map { _ in UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 64) }
        free = all
    }

    deinit {
        for storage in all { storage.deallocate() }
    }

    package func start() {
        started = true
        let thread = Thread { [self] in readLoop(); exited.signal() }
        thread.name = "silhouette.pipe-reader"
        thread.start()
    }

    private func readLoop() {
        while true {
            condition.lock()
            while free.isEmpty && !cancelled { condition.wait() }
            if cancelled { condition.unlock(); return }
            let storage = free.removeLast()
            condition.unlock()

            // Fill the whole block (or up to the end of the stream) before handing it out, so
            // that blocks are few and large whatever sizes the writer uses.
            var filled = 0
            var error: Int32 = 0
            while filled < blockSize {
                let n = read(fd, storage + filled, blockSize - filled)
                if n > 0 { filled += n; continue }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { error = errno }
                break
            }
            condition.lock()
            if filled > 0 {
                ready.append(Block(bytes: UnsafeRawBufferPointer(start: storage, count: filled), storage: storage))
            } else {
                free.append(storage)
            }
            let atEnd = filled < blockSize
            if atEnd { finished = true; readError = error }
            condition.broadcast()
            condition.unlock()
            if atEnd { return }
        }
    }

    /// The oldest filled block. With `wait`, blocks until there is one or the stream ended.
    package func next(wait: Bool) -> Next {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished && wait { condition.wait() }
        if !ready.isEmpty { return .block(ready.removeFirst()) }
        return finished ? .end(readError: readError) : .empty
    }

    /// Gives a block back for reuse once its bytes have been consumed.
    package func recycle(_ block: Block) {
        condition.lock()
        free.append(block.storage)
        condition.signal()
        condition.unlock()
    }

    /// Stops reading after the current `read` returns (close the pipe's writer, or kill it, so
    /// that it does), then waits for the reader thread to exit.
    package func stopAndJoin() {
        guard started else { return }
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        exited.wait()
        started = false
    }
}

/// Keeps the first `limit` bytes written to a pipe and discards the rest, on its own thread,
/// so that a process flooding its standard error never blocks on it.
package final class PipePrefixCollector: @unchecked Sendable {
    private let fd: Int32
    private let limit: Int
    private var kept: [UInt8] = []
    private let exited = DispatchSemaphore(value: 0)
    private var joined = false

    /// Takes no ownership of `fd`: close it after `text()`.
    package init(fd: Int32, limit: Int = 4096) {
        self.fd = fd
        self.limit = limit
    }

    package func start() {
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                if kept.count < limit { kept.append(contentsOf: buffer[0..<min(n, limit - kept.count)]) }
            }
            exited.signal()
        }
        thread.name = "silhouette.stderr-reader"
        thread.start()
    }

    /// Waits for the writer to close the pipe (or for the reader to stop on an error), then
    /// returns what was kept. Call it before closing `fd`, so the thread never reads a closed
    /// (or reused) descriptor.
    package func text() -> String {
        if !joined { exited.wait(); joined = true }
        return String(decoding: kept, as: UTF8.self)
    }
}
