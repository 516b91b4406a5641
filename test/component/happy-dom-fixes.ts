/**
 * Two gaps between happy-dom and a browser that the app's libraries trip over. Loaded before
 * every component test, so that what runs here is what runs in Chromium.
 */

// KaTeX refuses to run in quirks mode, and happy-dom has no compatMode; a browser with the app's
// doctype reports this.
Object.defineProperty(document, 'compatMode', { value: 'CSS1Compat', configurable: true })

// DOMPurify reads nodeName through Node.prototype's getter, which browsers implement for every
// node; happy-dom's returns '' and leaves it to subclasses, so DOMPurify would see no tag names
// (and refuse in-place sanitizing). Make it dispatch as a browser's does, before any purifier is
// made.
const baseNodeName = Object.getOwnPropertyDescriptor(window.Node.prototype, 'nodeName')!.get!
Object.defineProperty(window.Node.prototype, 'nodeName', {
  configurable: true,
  get(this: Node) {
    for (let proto = Object.getPrototypeOf(this); proto !== window.Node.prototype;) {
      const getter = Object.getOwnPropertyDescriptor(proto, 'nodeName')?.get
      if (getter) return getter.call(this)
      proto = Object.getPrototypeOf(proto)
    }
    return baseNodeName.call(this)
  },
})
