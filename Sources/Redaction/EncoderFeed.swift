import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The encoder stopped reading its input (it exited, or failed): its own message says why.
struct EncoderInputClosed: Error {
    let errno: Int32
}

/// The encoder's standard input, written by a thread of its own through a bounded queue.
///
/// Writing a 600 KB frame into a 64 KB pipe blocks until the encoder has read it all, and
/// ffmpeg reads its input only between two frames handed to x264: written inline, every frame
/// made the analysis wait for the encoder and the encoder wait for the analysis, so a redaction
/// took the sum of both instead of the longer of the two. With a queue of a few frames (and a
/// 1 MiB pipe) the analysis of frame n+1 runs while the encoder takes frame n.
final class EncoderFeed: @unchecked Sendable {  // state guarded by `condition`
    /// The end ffmpeg reads (its stdin); ours is closed once handed over.
    let readEnd: Int32
    private let writeEnd: Int32
    private let capacity: Int
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var closed = false
    /// `errno` of the write that failed (the encoder exited or its pipe broke), or 0.
    private var writeError: Int32 = 0
    private let exited = DispatchSemaphore(value: 0)
    private var joined = false

    /// `capacity` is the number of chunks (a frame is two: its `FRAME` line and its bytes).
    init(capacity: Int = 48) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw RedactionError.encoderFailed(output: "ffmpeg", reason: "cannot create a pipe: " + String(cString: strerror(errno)))
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        #if os(Linux)
        _ = fcntl(fds[1], 1031 /* F_SETPIPE_SZ */, Int32(1 << 20))  // best effort
        #endif
        // A write to an encoder that has exited must fail with EPIPE, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        readEnd = fds[0]
        writeEnd = fds[1]
        self.capacity = capacity
        let thread = Thread { [self] in drain() }
        thread.name = "silhouette.encoder-feed"
        thread.start()
    }

    /// Queues `bytes`; waits while the queue is full. Throws once a write has failed, so the
    /// caller stops decoding (the encoder's own message says why).
    func send(_ bytes: [UInt8]) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && writeError == 0 { condition.wait() }
        if writeError != 0 { throw EncoderInputClosed(errno: writeError) }
        queue.append(bytes)
        condition.broadcast()
    }

    /// Writes what is queued, closes the pipe (the encoder sees the end of its input) and waits
    /// for the writer thread. Returns `errno` of a failed write, or 0.
    @discardableResult
    func finish() -> Int32 {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        join()
        return writeError
    }

    /// Waits for the writer thread once; later calls return at once.
    private func join() {
        condition.lock()
        let first = !joined
        joined = true
        condition.unlock()
        if first { exited.wait() }
    }

    /// Abandons what is queued (a failed redaction): the encoder sees the end of its input.
    func cancel() {
        condition.lock()
        queue.removeAll()
        closed = true
        condition.broadcast()
        condition.unlock()
        join()
    }

    private func drain() {
        defer { close(writeEnd); exited.signal() }
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty { condition.unlock(); return }
            let chunk = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            let failure = chunk.withUnsafeBytes { writeAll($0) }
            if failure != 0 {
                condition.lock()
                writeError = failure
                queue.removeAll()
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let n = write(writeEnd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }
}
