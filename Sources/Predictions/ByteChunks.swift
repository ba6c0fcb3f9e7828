import Foundation

/// Reads a file in fixed-size chunks, so memory does not grow with the file.
struct ByteChunks {
    static let chunkSize = 1 << 20

    /// Calls `body` with each chunk of the file's bytes in order.
    static func forEach(_ url: URL, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw PredictionFileError(file: url.relativePath, reason: "cannot open: \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        while true {
            let data: Data
            do {
                guard let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty else { return }
                data = chunk
            } catch {
                throw PredictionFileError(file: url.relativePath, reason: "read failed: \(error.localizedDescription)")
            }
            try data.withUnsafeBytes(body)
        }
    }
}
