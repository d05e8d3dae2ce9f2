/** The part of the visual viewport the sheet needs: how tall it is and where it starts (VisualViewport). */
export interface VisibleArea {
  height: number;
  offsetTop: number;
}

/**
 * How much of the window's bottom is hidden (an on-screen keyboard over the page: the layout
 * viewport keeps its height while the visible part shrinks, Chrome's and Safari's default), in
 * px; a sheet fixed at the bottom is lifted by as much to stay above it. Never negative.
 */
export function keyboardInset(innerHeight: number, visible: VisibleArea | null): number {
  if (!visible) return 0;
  return Math.max(0, Math.round(innerHeight - (visible.height + visible.offsetTop)));
}
