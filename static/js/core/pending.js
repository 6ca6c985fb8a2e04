// Choices tapped on a phone that the server has not confirmed yet. They are shown as
// chosen meanwhile, so that someone else's update arriving first does not seem to undo
// the tap.
export function pendingChoices(act, redraw) {
  const waiting = new Map(); // key -> value tapped
  return {
    async choose(key, value, action, payload) {
      waiting.set(String(key), value);
      await act(action, payload);
      if (waiting.get(String(key)) === value) waiting.delete(String(key));
      redraw();
    },
    /** The confirmed choices ({key: value}) with the ones still on their way over them. */
    over(confirmed) {
      return { ...confirmed, ...Object.fromEntries(waiting) };
    },
  };
}
