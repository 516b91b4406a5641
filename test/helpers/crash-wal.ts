import { readFile } from 'node:fs/promises'

/** What a SQLite write-ahead log holds, read from the file after the process that wrote it died. */
export interface WalTail {
  /**
   * Valid frames after the last commit frame: a transaction cut off while SQLite was writing
   * it. It was never committed, so the next open ignores it.
   */
  tornFrames: number
  /** Frames of the last transaction the log commits (0 if it commits none). */
  lastCommitFrames: number
}

const HEADER_BYTES = 32
const FRAME_HEADER_BYTES = 24

/**
 * SQLite's WAL checksum (https://sqlite.org/fileformat2.html#walformat): pairs of 32-bit
 * words, in the byte order the log's magic number names, folded into a running pair.
 */
function checksum(
  bytes: DataView,
  start: number,
  end: number,
  littleEndian: boolean,
  seed: [number, number],
): [number, number] {
  let [s0, s1] = seed
  for (let at = start; at < end; at += 8) {
    s0 = (s0 + bytes.getUint32(at, littleEndian) + s1) >>> 0
    s1 = (s1 + bytes.getUint32(at + 4, littleEndian) + s0) >>> 0
  }
  return [s0, s1]
}

/**
 * Reads `<database>-wal` the way SQLite's recovery does: frames count while their salt matches
 * the header and their checksum chain holds. Those after the last commit frame are the torn
 * transaction. No WAL file, or one without a valid header, reads as empty.
 */
export async function readWalTail(walPath: string): Promise<WalTail> {
  const empty: WalTail = { tornFrames: 0, lastCommitFrames: 0 }
  let file: Buffer
  try {
    file = await readFile(walPath)
  } catch {
    return empty
  }
  if (file.length < HEADER_BYTES) return empty
  const bytes = new DataView(file.buffer, file.byteOffset, file.byteLength)
  const magic = bytes.getUint32(0)
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return empty
  const littleEndian = magic === 0x377f0682
  const pageSize = bytes.getUint32(8) === 1 ? 65_536 : bytes.getUint32(8)
  const salt = [bytes.getUint32(16), bytes.getUint32(20)]
  let sum = checksum(bytes, 0, 24, littleEndian, [0, 0])
  if (sum[0] !== bytes.getUint32(24) || sum[1] !== bytes.getUint32(28)) return empty

  let frames = 0
  let lastCommit = 0
  let commitBefore = 0
  for (let at = HEADER_BYTES; at + FRAME_HEADER_BYTES + pageSize <= file.length;) {
    if (bytes.getUint32(at + 8) !== salt[0] || bytes.getUint32(at + 12) !== salt[1]) break
    sum = checksum(bytes, at, at + 8, littleEndian, sum)
    sum = checksum(
      bytes,
      at + FRAME_HEADER_BYTES,
      at + FRAME_HEADER_BYTES + pageSize,
      littleEndian,
      sum,
    )
    if (sum[0] !== bytes.getUint32(at + 16) || sum[1] !== bytes.getUint32(at + 20)) break
    frames++
    // A commit frame carries the database size in pages; every other frame carries 0.
    if (bytes.getUint32(at + 4) !== 0) {
      commitBefore = lastCommit
      lastCommit = frames
    }
    at += FRAME_HEADER_BYTES + pageSize
  }
  return { tornFrames: frames - lastCommit, lastCommitFrames: lastCommit - commitBefore }
}
