/** Runs `flush` later (once); returns a function that cancels it. */
export type FlushScheduler = (flush: () => void) => () => void;

/**
 * In a browser: just after the next frame is painted (a task queued from the frame's animation callback), or
 * after 100 ms when no frame comes (a hidden tab does not render frames but must keep its document current).
 * After the paint rather than before it: a keystroke typed meanwhile is painted first, and the held edits appear
 * in the frame that follows.
 */
export const afterNextPaint: FlushScheduler = (flush) => {
  let done = false;
  let task: ReturnType<typeof setTimeout> | undefined;
  const once = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    flush();
  };
  const frame = requestAnimationFrame(() => {
    task = setTimeout(once, 0);
  });
  const timer = setTimeout(once, 100);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(task);
  };
};
