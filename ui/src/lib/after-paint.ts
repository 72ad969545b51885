// Start-up work the first screen does not need waits until that screen has been painted.

/** Resolves once the next frame has been painted (a task after the frame's callbacks). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
