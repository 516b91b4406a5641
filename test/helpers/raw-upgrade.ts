import { connect } from 'node:net'

/**
 * Sends a WebSocket upgrade request for `target` byte for byte (no client normalises its dots
 * or escapes) and resolves with the HTTP status of the answer: 101 when it was accepted.
 */
export function rawUpgradeStatus(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\n` +
          'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      ),
    )
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1')
      const statusLine = /^HTTP\/1\.1 (\d{3})/.exec(answer)
      if (statusLine && answer.includes('\r\n')) {
        resolve(Number(statusLine[1]))
        socket.destroy()
      }
    })
    socket.on('end', () => reject(new Error(`no status line in ${JSON.stringify(answer)}`)))
    socket.on('error', reject)
  })
}
