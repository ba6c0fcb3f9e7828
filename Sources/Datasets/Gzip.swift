import CZlib
import Foundation

/// gzip / zlib (de)compression through the system zlib.
public enum Gzip {
    /// True when `bytes` start with the gzip magic 1f 8b.
    public static func isGzip<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var it = bytes.makeIterator()
        return it.next() == 0x1F && it.next() == 0x8B
    }

    /// Inflates a gzip (or zlib: windowBits 15+32 auto-detects) stream; concatenated gzip
    /// members are decoded one after another. Streams into a buffer that grows by doubling,
    /// sized first from the gzip trailer's ISIZE. `path` only names the source in errors.
    ///
    /// `declaredSize` reads the size the content declares from its first bytes (an IDX
    /// header; nil while unknown): inflating stops with an error as soon as the output passes
    /// it, so a small file that inflates to gigabytes (a gzip bomb) costs no more memory than
    /// the declared content. Without a declaration the output is capped at `maxOutput`.
    public static func decompress(_ input: [UInt8], path: String, declaredSize: (([UInt8]) -> Int?)? = nil,
                                  maxOutput: Int = 1 << 33) throws -> [UInt8] {
        guard !input.isEmpty else { throw DatasetError.corruptGzip(path: path, reason: "empty input") }
        var limit = maxOutput
        var limitIsDeclared = false
        var output = [UInt8](repeating: 0, count: min(initialCapacity(input), maxOutput + 1))
        var produced = 0
        var consumed = 0
        var stream = z_stream()
        let initStatus = czlib_inflate_init2(&stream, 15 + 32)
        guard initStatus == Z_OK else {
            throw DatasetError.corruptGzip(path: path, reason: "inflateInit2 failed (\(initStatus))")
        }
        defer { inflateEnd(&stream) }

        while true {
            if let declaredSize, !limitIsDeclared, produced >= declarationProbe || produced == output.count,
               let declared = declaredSize(Array(output[..<min(produced, declarationProbe)])) {
                limit = min(limit, declared)
                limitIsDeclared = true
            }
            if produced > limit {
                throw DatasetError.corruptGzip(path: path, reason: limitIsDeclared
                    ? "inflates past the \(limit) bytes its header declares (stopped after \(produced))"
                    : "inflates past \(limit) bytes (the most this reader accepts)")
            }
            if produced == output.count {
                output.append(contentsOf: repeatElement(0, count: min(output.count, limit + 1 - output.count)))
            }
            let status = inflateChunk(&stream, input: input, consumed: &consumed, output: &output, produced: &produced)
            switch status {
            case Z_STREAM_END:
                // Another gzip member follows? Otherwise done (trailing zero padding is ignored).
                if consumed + 1 < input.count, input[consumed] == 0x1F, input[consumed + 1] == 0x8B {
                    inflateReset(&stream)
                    continue
                }
                output.removeLast(output.count - produced)
                return output
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                if consumed >= input.count {
                    throw DatasetError.corruptGzip(
                        path: path, reason: "stream ends after \(input.count) compressed bytes (\(produced) decompressed) before its end marker")
                }
                continue  // output full: grow and retry
            case Z_NEED_DICT:
                throw DatasetError.corruptGzip(path: path, reason: "stream needs a preset dictionary")
            default:
                let msg = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw DatasetError.corruptGzip(path: path, reason: "\(msg) at compressed byte \(consumed)")
            }
        }
    }

    /// The output buffer to start with: the last gzip member's ISIZE (uncompressed size mod 2^32,
    /// little endian) when it is within a plausible ratio of the input — so a corrupt trailer
    /// cannot demand a huge buffer — else 4× the input.
    private static func initialCapacity(_ input: [UInt8]) -> Int {
        let fallback = max(input.count * 4, 1 << 16)
        guard isGzip(input), input.count >= 18 else { return fallback }
        let n = input.count
        let isize = Int(input[n - 4]) | Int(input[n - 3]) << 8 | Int(input[n - 2]) << 16 | Int(input[n - 1]) << 24
        return isize >= input.count / 2 && isize <= input.count * 16 ? isize + 1 : fallback  // +1: end seen without a regrow
    }

    /// One `inflate` call from `input[consumed...]` into `output[produced...]`, advancing both; its status.
    private static func inflateChunk(_ stream: inout z_stream, input: [UInt8], consumed: inout Int,
                                     output: inout [UInt8], produced: inout Int) -> Int32 {
        var status: Int32 = Z_OK
        input.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                guard let inBase = inBuf.baseAddress, let outBase = outBuf.baseAddress else {
                    status = Z_STREAM_ERROR
                    return
                }
                stream.next_in = UnsafeMutablePointer(mutating: inBase + consumed)
                stream.avail_in = UInt32(min(inBuf.count - consumed, Int(UInt32.max)))
                stream.next_out = outBase + produced
                stream.avail_out = UInt32(min(outBuf.count - produced, Int(UInt32.max)))
                let availIn = stream.avail_in, availOut = stream.avail_out
                status = inflate(&stream, Z_NO_FLUSH)
                consumed += Int(availIn - stream.avail_in)
                produced += Int(availOut - stream.avail_out)
            }
        }
        return status
    }

    /// Bytes of output handed to `declaredSize` (enough for any IDX header).
    static let declarationProbe = 64

    /// Compresses into a gzip stream (deflateInit2 with windowBits 15+16).
    public static func compress(_ input: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        let status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw DatasetError.invalidOption("deflateInit2 failed (\(status))") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(input.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var result: Int32 = Z_STREAM_ERROR
        var written = 0
        input.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var dummy: UInt8 = 0
                withUnsafeMutablePointer(to: &dummy) { empty in
                    guard let outBase = outBuf.baseAddress else { return }
                    stream.next_in = inBuf.baseAddress.map { UnsafeMutablePointer(mutating: $0) } ?? empty
                    stream.avail_in = UInt32(inBuf.count)
                    stream.next_out = outBase
                    stream.avail_out = UInt32(outBuf.count)
                    result = deflate(&stream, Z_FINISH)
                    written = outBuf.count - Int(stream.avail_out)
                }
            }
        }
        guard result == Z_STREAM_END else { throw DatasetError.invalidOption("deflate failed (\(result))") }
        output.removeLast(output.count - written)
        return output
    }
}

/// Reads a whole file, inflating it when it starts with the gzip magic (not judged by name).
/// `declaredSize`: see `Gzip.decompress`.
public func readPossiblyGzippedFile(_ path: String, hint: String? = nil,
                                    declaredSize: (([UInt8]) -> Int?)? = nil) throws -> [UInt8] {
    let raw = try readFileBytes(path, hint: hint)
    return Gzip.isGzip(raw) ? try Gzip.decompress(raw, path: path, declaredSize: declaredSize) : raw
}

/// Reads a whole file as bytes; a missing file is `fileNotFound` (with `hint`).
func readFileBytes(_ path: String, hint: String? = nil) throws -> [UInt8] {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
        throw DatasetError.fileNotFound(path: path, hint: hint)
    }
    do {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        return [UInt8](data)
    } catch {
        throw DatasetError.unreadable(path: path, reason: error.localizedDescription)
    }
}
