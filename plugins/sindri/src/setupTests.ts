import '@testing-library/jest-dom';

// xterm.js needs a few browser APIs jsdom lacks. Stubs for tests only.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

// jsdom has no canvas; xterm only uses it to measure glyphs, so "no 2d context" is enough.
HTMLCanvasElement.prototype.getContext = (() =>
  null) as typeof HTMLCanvasElement.prototype.getContext;

// jsdom has no ResizeObserver: record the observers so tests can report a resize.
class ResizeObserverStub {
  static instances: ResizeObserverStub[] = [];
  constructor(readonly callback: ResizeObserverCallback) {
    ResizeObserverStub.instances.push(this);
  }
  observe() {}
  unobserve() {}
  disconnect() {
    ResizeObserverStub.instances = ResizeObserverStub.instances.filter(
      o => o !== this,
    );
  }
  /** test helper: every live observer sees a resize */
  static resizeAll() {
    for (const o of ResizeObserverStub.instances)
      o.callback([], o as unknown as ResizeObserver);
  }
}
(window as any).ResizeObserver = ResizeObserverStub;
