// Touch on the wall screen: one finger swipes left/right between layers, two fingers pinch to zoom the map (Leaflet's
// touch zoom, which also pans), a tap on a district opens its drill-down (Leaflet's click). One-finger dragging of
// the map is off in wall mode so that a swipe over the map, the largest target, changes the layer instead.
// Camera-based gestures are left out until a model can be shipped for offline use (docs/COMMANDS.md).

const SWIPE_MIN_PX = 60;
const SWIPE_MAX_MS = 1000;

/**
 * @param root the element that takes swipes (the whole dashboard)
 * @param leaflet the Leaflet map
 * @param step called with +1 (swipe left: next layer) or -1 (swipe right: previous layer)
 */
export function startTouch(root, leaflet, step) {
  leaflet.touchZoom.enable();
  leaflet.doubleClickZoom.enable();
  leaflet.dragging.disable();
  let start = null;
  root.addEventListener('touchstart', (e) => {
    const typing = e.target.closest && e.target.closest('input, select, textarea');
    start = e.touches.length === 1 && !typing ? { x: e.touches[0].clientX, y: e.touches[0].clientY, at: performance.now() } : null;
  }, { passive: true });
  root.addEventListener('touchmove', (e) => {
    if (e.touches.length > 1) start = null; // a pinch, not a swipe
  }, { passive: true });
  root.addEventListener('touchend', (e) => {
    if (!start || e.touches.length > 0) {
      if (e.touches.length === 0) start = null;
      return;
    }
    const dx = e.changedTouches[0].clientX - start.x;
    const dy = e.changedTouches[0].clientY - start.y;
    const quick = performance.now() - start.at <= SWIPE_MAX_MS;
    start = null;
    if (quick && Math.abs(dx) >= SWIPE_MIN_PX && Math.abs(dx) > 1.5 * Math.abs(dy)) step(dx < 0 ? 1 : -1);
  }, { passive: true });
  root.addEventListener('touchcancel', () => { start = null; }, { passive: true });
  root.dataset.touch = 'true';
}
