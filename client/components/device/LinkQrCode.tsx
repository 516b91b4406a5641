import { createEffect } from 'solid-js'
import qrcode from 'qrcode-generator'

/** Pixels per module of the code: large enough for a phone's camera at arm's length. */
const CELL = 4
/** The quiet zone around the code, in modules, as the QR standard asks. */
const MARGIN = 4

/**
 * A link as a QR code, for a phone's camera: drawn on a canvas (a data URL or SVG markup would
 * do too, but a canvas needs no markup at all). Black on white whatever the theme: scanners
 * need the contrast.
 */
export function LinkQrCode(props: { link: string; label: string }) {
  let canvas!: HTMLCanvasElement
  createEffect(() => {
    const code = qrcode(0, 'L')
    code.addData(props.link, 'Byte')
    code.make()
    const size = (code.getModuleCount() + 2 * MARGIN) * CELL
    canvas.width = size
    canvas.height = size
    const context = canvas.getContext('2d')
    if (!context) return
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, size, size)
    context.fillStyle = '#000000'
    for (let row = 0; row < code.getModuleCount(); row++) {
      for (let column = 0; column < code.getModuleCount(); column++) {
        if (!code.isDark(row, column)) continue
        context.fillRect((column + MARGIN) * CELL, (row + MARGIN) * CELL, CELL, CELL)
      }
    }
  })
  return <canvas class="link-qr-code" ref={canvas} role="img" aria-label={props.label} />
}
