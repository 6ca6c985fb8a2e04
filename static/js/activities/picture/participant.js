// Build the picture on the phone: a baseplate of studs or a finger drawing.
import { h, fill, svg, setText } from "../../core/dom.js";
import { phoneFrame } from "../../core/frame.js";
import { waitingWord } from "../../core/outbox.js";
import { W, H, CANVAS, CANVAS_H, brickShapes, drawPicture } from "./draw.js";
import { localised, t, tn } from "../../core/i18n.js";

const SIZES = [[1, 1], [1, 2], [2, 2], [1, 4]];
const SENT = t("Sent: it is on the wall. You can change it and send it again until the activity closes.");
const PENS = [4, 10, 24];

/** Keep a stroke's shape with far fewer points (Ramer–Douglas–Peucker). */
function simplify(points, tolerance = 3) {
  if (points.length <= 2) return points;
  const [ax, ay] = points[0];
  const [bx, by] = points[points.length - 1];
  let worst = 0;
  let index = 0;
  for (let i = 1; i < points.length - 1; i += 1) {
    const [px, py] = points[i];
    const d = Math.abs((by - ay) * px - (bx - ax) * py + bx * ay - by * ax) / (Math.hypot(bx - ax, by - ay) || 1);
    if (d > worst) { worst = d; index = i; }
  }
  if (worst <= tolerance) return [points[0], points[points.length - 1]];
  return [...simplify(points.slice(0, index + 1), tolerance).slice(0, -1), ...simplify(points.slice(index), tolerance)];
}

const overlaps = (a, b) => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];

/** The brick tools: colour, size, turn, zoom, and a typed place for keyboards. */
function brickTools(colours, names, onChange) {
  const tools = { colour: 0, size: 0, turned: false, zoom: 2 };
  const colourRow = h("div", { class: "swatches", role: "radiogroup", "aria-label": t("Brick colour") });
  const sizeRow = h("div", { class: "sizes", role: "radiogroup", "aria-label": t("Brick size") });
  const turn = h("button", { type: "button", class: "secondary", "aria-pressed": "false" }, t("Turn the brick"));
  // The name is in the button's text (hidden from sight), so that what it says is what it is called.
  const zoomOut = h("button", { type: "button", class: "secondary" },
    h("span", { "aria-hidden": "true" }, "−"), h("span", { class: "visually-hidden" }, t("Zoom out")));
  const zoomIn = h("button", { type: "button", class: "secondary" },
    h("span", { "aria-hidden": "true" }, "+"), h("span", { class: "visually-hidden" }, t("Zoom in")));
  let ready = false; // no change to report while the tools are first drawn
  function draw() {
    fill(colourRow, colours.map((c, i) => {
      const b = h("button", { type: "button", role: "radio", class: "swatch-button", "aria-checked": String(i === tools.colour),
        "aria-label": t(names[i]), onclick: () => { tools.colour = i; draw(); } });
      b.style.background = c;
      return b;
    }));
    fill(sizeRow, SIZES.map(([w, hh], i) => h("button", { type: "button", role: "radio", class: "size-button",
      "aria-checked": String(i === tools.size), onclick: () => { tools.size = i; draw(); } },
    tools.turned ? `${hh}×${w}` : `${w}×${hh}`)));
    turn.setAttribute("aria-pressed", String(tools.turned));
    if (ready) onChange();
  }
  turn.addEventListener("click", () => { tools.turned = !tools.turned; draw(); });
  zoomIn.addEventListener("click", () => { tools.zoom = Math.min(4, tools.zoom + 1); onChange(); });
  zoomOut.addEventListener("click", () => { tools.zoom = Math.max(1, tools.zoom - 1); onChange(); });
  tools.size_wh = () => {
    const [w, hh] = SIZES[tools.size];
    return tools.turned ? [hh, w] : [w, hh];
  };
  tools.element = h("div", { class: "brick-tools" }, colourRow, sizeRow,
    h("div", { class: "button-row" }, turn, h("span", { class: "zoom" }, zoomOut, zoomIn)));
  draw();
  ready = true;
  return tools;
}

/** Place by typing a column and row: the baseplate for a keyboard or a screen reader. */
function typedPlace(onPlace) {
  const column = h("input", { type: "number", id: "place-column", min: 1, max: W, value: 1 });
  const row = h("input", { type: "number", id: "place-row", min: 1, max: H, value: 1 });
  const form = h("form", { class: "typed-place" },
    h("div", {}, h("label", { for: "place-column" }, t("Column")), column),
    h("div", {}, h("label", { for: "place-row" }, t("Row")), row),
    h("button", { type: "submit", class: "secondary" }, t("Place here")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onPlace(Number(column.value) - 1, Number(row.value) - 1);
  });
  return h("details", { class: "typed" }, h("summary", {}, t("Place a brick by column and row")), form);
}

function studAt(event, board) {
  const target = event.target.closest("[data-x]");
  if (target) return [Number(target.dataset.x), Number(target.dataset.y)];
  const box = board.getBoundingClientRect();
  return [Math.floor(((event.clientX - box.left) / box.width) * W), Math.floor(((event.clientY - box.top) / box.height) * H)];
}

export function participant(root, { act, dismiss, limits }) {
  const { prompt, state: status, body } = phoneFrame(root);
  let activity = null;
  let built = null; // the gallery editor, built once per activity

  function update(next) {
    activity = next;
    const { view } = activity;
    setText(prompt, localised(view.prompt, activity.words));
    if (view.mode === "together") together();
    else gallery();
  }

  // ----- build together: each tap is a brick on the shared baseplate
  let shared = null;
  function together() {
    const { view, mine, is_open: open } = activity;
    if (!shared) {
      // Zoomed in, the baseplate scrolls: keyboards can reach it to scroll it.
      const holder = h("div", { class: "board-holder", tabindex: 0, role: "region", "aria-label": t("The shared baseplate") });
      const undo = h("button", { type: "button", class: "secondary" }, t("Undo my last brick"));
      shared = { holder, undo, tools: brickTools(view.colours, view.colour_names, () => shared && together()) };
      holder.addEventListener("click", (event) => {
        if (shared.open && shared.board.contains(event.target)) place(...studAt(event, shared.board));
      });
      undo.addEventListener("click", () => {
        const ids = activity.mine?.my_bricks || [];
        if (ids.length && !onItsWay().length) act("remove", { id: Math.max(...ids) });
      });
      fill(body, shared.tools.element, holder,
        h("div", { class: "button-row" }, undo),
        typedPlace((x, y) => place(x, y)));
    }
    // The baseplate stays the same element while others' bricks arrive, so that a tap
    // landing as an update comes in is not lost: only the bricks on it are drawn again.
    // This phone's bricks on their way, and its bricks being taken away, show as waiting.
    const placing = queuedBricks("place").map((q) => q.payload.brick);
    const removing = new Set(queuedBricks("remove").map((q) => q.payload.id));
    const bricks = JSON.stringify([view.board || [], placing, [...removing]]);
    if (shared.open !== open || !shared.board) {
      shared.board = drawPicture({ kind: "bricks" }, view.colours, { studs: open });
      shared.bricks = null;
      shared.open = open;
      fill(shared.holder, shared.board);
    }
    if (shared.bricks !== bricks) {
      const fresh = drawPicture({ kind: "bricks", bricks: view.board || [] }, view.colours);
      const layer = svg("g", { class: "brick-layer" });
      layer.append(...[...fresh.children].slice(1)); // the bricks without their baseplate
      for (const brick of placing) layer.append(...brickShapes(brick, view.colours));
      for (const rect of layer.querySelectorAll(".brick")) {
        if (!rect.dataset.id || removing.has(Number(rect.dataset.id))) rect.classList.add("is-waiting");
      }
      shared.board.querySelector(".brick-layer")?.remove();
      shared.board.append(layer);
      shared.board.setAttribute("aria-label", fresh.getAttribute("aria-label"));
      shared.bricks = bricks;
    }
    shared.board.setAttribute("class", `picture zoom-${shared.tools.zoom}`);
    // Undo takes back the last brick in: not while one is on its way (one change at a time).
    shared.undo.disabled = !open || !(mine?.my_bricks || []).length || onItsWay().length > 0;
    const notSent = placing.length ? tn(" (%(num)d brick not sent yet)", " (%(num)d bricks not sent yet)", placing.length) : "";
    status.textContent = open
      ? tn("Tap a stud to place a brick. %(num)d brick from %(people)s so far%(waiting)s.", "Tap a stud to place a brick. %(num)d bricks from %(people)s so far%(waiting)s.", view.count,
        { people: tn("%(num)d person", "%(num)d people", view.builders), waiting: notSent })
      : t("Building is closed for now.");
  }

  const queuedBricks = (action) => (activity.queued || []).filter((q) => q.action === action);
  const onItsWay = () => [...queuedBricks("place"), ...queuedBricks("remove")];

  async function place(x, y) {
    const [w, hh] = shared.tools.size_wh();
    const brick = [x, y, w, hh, shared.tools.colour];
    if (queuedBricks("place").some((q) => overlaps(q.payload.brick, brick))) {
      status.textContent = t("A brick of yours is on its way there.");
      return;
    }
    await act("place", { brick });
  }

  // ----- each builds their own: build locally, then send the whole picture
  function gallery() {
    const { mine, is_open: open } = activity;
    if (!built) built = galleryEditor(activity, act, status, limits);
    if (!built.element.isConnected) fill(body, built.element);
    const returned = (activity.returned || []).filter((item) => item.action === "submit");
    for (const item of returned) dismiss(item.cid); // the picture is still in the editor: say why
    built.update(mine, open, activity.queued || [], returned.slice(-1)[0]?.error);
  }

  return { update };
}

function galleryEditor(activity, act, status, limits) {
  const { view } = activity;
  const draftKey = `roundtable:picture:${activity.id}`;
  const saved = (() => { try { return JSON.parse(localStorage.getItem(draftKey)) || {}; } catch { return {}; } })();
  const draft = { kind: saved.kind || "bricks", bricks: saved.bricks || [], strokes: saved.strokes || [],
    title: saved.title || "", meaning: saved.meaning || "" };
  let history = [];
  let pen = { colour: 5, width: PENS[1] };
  const save = () => { try { localStorage.setItem(draftKey, JSON.stringify(draft)); } catch { /* private mode */ } };

  const kindRow = h("div", { class: "button-row", role: "group", "aria-label": t("Build or draw") });
  const tools = h("div", {});
  const holder = h("div", { class: "board-holder", tabindex: 0, role: "region", "aria-label": t("Your picture") });
  const undo = h("button", { type: "button", class: "secondary", onclick: () => {
    const last = history.pop();
    if (last) { draft[last.key] = last.before; save(); drawBoard(); }
  } }, t("Undo"));
  const clear = h("button", { type: "button", class: "secondary", onclick: () => {
    history.push({ key: draft.kind === "bricks" ? "bricks" : "strokes", before: draft[draft.kind === "bricks" ? "bricks" : "strokes"] });
    draft[draft.kind === "bricks" ? "bricks" : "strokes"] = [];
    save(); drawBoard();
  } }, t("Start again"));
  const titleInput = h("input", { id: "picture-title", maxlength: limits.submit.title, value: draft.title });
  const meaning = h("textarea", { id: "picture-meaning", rows: 3, maxlength: limits.submit.meaning });
  meaning.value = draft.meaning;
  titleInput.addEventListener("input", () => { draft.title = titleInput.value; save(); });
  meaning.addEventListener("input", () => { draft.meaning = meaning.value; save(); });
  const send = h("button", { type: "submit", class: "wide" }, t("Send my picture"));
  const sentNote = h("p", { class: "hint" });
  const reason = h("p", { class: "error given-back", role: "alert", hidden: true });
  const word = waitingWord();
  const form = h("form", { class: "answer-form" },
    h("label", { for: "picture-title" }, t("Title")), titleInput,
    h("label", { for: "picture-meaning" }, t("What it means")), meaning, send, word.element, reason, sentNote);
  const refused = (why) => { reason.hidden = !why; reason.textContent = why ? t("Not sent: %(reason)s", { reason: why }) : ""; };
  let open = true;

  const bricks = brickTools(view.colours, view.colour_names, () => drawBoard());
  const penRow = h("div", { class: "pens" });
  function drawPens() {
    fill(penRow,
      h("div", { class: "swatches", role: "radiogroup", "aria-label": t("Pen colour") }, view.colours.map((c, i) => {
        const b = h("button", { type: "button", role: "radio", class: "swatch-button", "aria-checked": String(i === pen.colour),
          "aria-label": t(view.colour_names[i]), onclick: () => { pen.colour = i; drawPens(); } });
        b.style.background = c;
        return b;
      })),
      h("div", { class: "sizes", role: "radiogroup", "aria-label": t("Pen size") }, PENS.map((width, i) =>
        h("button", { type: "button", role: "radio", class: "size-button", "aria-checked": String(width === pen.width),
          onclick: () => { pen.width = width; drawPens(); } }, [t("Thin"), t("Medium"), t("Thick")][i]))));
  }
  drawPens();

  function drawKind() {
    fill(kindRow, [["bricks", t("Bricks")], ["drawing", t("Draw")]].map(([kind, label]) =>
      h("button", { type: "button", class: draft.kind === kind ? "" : "secondary", "aria-pressed": String(draft.kind === kind),
        onclick: () => { draft.kind = kind; history = []; save(); drawKind(); drawBoard(); } }, label)));
    fill(tools, draft.kind === "bricks" ? bricks.element : penRow);
    typed.hidden = !open || draft.kind !== "bricks";
  }

  function drawBoard() {
    const board = drawPicture(draft, view.colours, { studs: draft.kind === "bricks" && open });
    if (draft.kind === "bricks") board.classList.add(`zoom-${bricks.zoom}`);
    if (open && draft.kind === "bricks") board.addEventListener("click", (event) => placeLocal(...studAt(event, board)));
    if (open && draft.kind === "drawing") drawingInput(board);
    fill(holder, board);
  }

  function placeLocal(x, y) {
    const [w, hh] = bricks.size_wh();
    const brick = [x, y, w, hh, bricks.colour];
    const hit = draft.bricks.findIndex((b) => overlaps(b, [x, y, 1, 1]));
    history.push({ key: "bricks", before: draft.bricks });
    if (hit >= 0) { // tapping a brick takes it away
      draft.bricks = draft.bricks.filter((_, i) => i !== hit);
    } else if (x + w > W || y + hh > H) {
      history.pop();
      status.textContent = t("That brick would hang off the baseplate.");
      return;
    } else if (draft.bricks.some((b) => overlaps(b, brick))) {
      history.pop();
      status.textContent = t("Bricks cannot overlap. Try another spot.");
      return;
    } else {
      draft.bricks = [...draft.bricks, brick];
    }
    status.textContent = tn("%(num)d brick placed. Tap a brick to take it away.", "%(num)d bricks placed. Tap a brick to take it away.", draft.bricks.length);
    save();
    drawBoard();
  }

  function drawingInput(board) {
    let points = null;
    let line = null;
    const at = (event) => {
      const box = board.getBoundingClientRect();
      return [Math.round(Math.min(CANVAS, Math.max(0, ((event.clientX - box.left) / box.width) * CANVAS))),
        Math.round(Math.min(CANVAS_H, Math.max(0, ((event.clientY - box.top) / box.height) * CANVAS_H)))];
    };
    board.classList.add("drawing-surface");
    board.addEventListener("pointerdown", (event) => {
      board.setPointerCapture(event.pointerId);
      points = [at(event)];
      line = svg("polyline", { fill: "none", stroke: view.colours[pen.colour], "stroke-width": pen.width, "stroke-linecap": "round", "stroke-linejoin": "round" });
      board.append(line);
    });
    board.addEventListener("pointermove", (event) => {
      if (!points) return;
      points.push(at(event));
      line.setAttribute("points", points.map((p) => p.join(",")).join(" "));
    });
    const finish = () => {
      if (!points) return;
      const simple = simplify(points);
      history.push({ key: "strokes", before: draft.strokes });
      draft.strokes = [...draft.strokes, { colour: pen.colour, width: pen.width, points: simple.flat() }];
      points = null;
      save();
      drawBoard();
    };
    board.addEventListener("pointerup", finish);
    board.addEventListener("pointercancel", finish);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const payload = { kind: draft.kind, title: titleInput.value, meaning: meaning.value,
      bricks: draft.kind === "bricks" ? draft.bricks : [], strokes: draft.kind === "drawing" ? draft.strokes : [] };
    refused(null);
    send.disabled = true; // one copy on its way at a time (update): the picture stays in the editor
    const answer = await act("submit", payload);
    if (answer.ok) status.textContent = SENT;
    else if (answer.queued) keptForLater = true; // said when the server has it (update)
    else refused(answer.error);
  });
  let keptForLater = false;

  const typed = typedPlace((x, y) => placeLocal(x, y));
  const element = h("div", { class: "picture-editor" }, kindRow, tools, holder,
    h("div", { class: "button-row" }, undo, clear), typed, form);
  drawKind();
  drawBoard();

  return {
    element,
    update(mine, isOpen, queued, why) {
      if (why) refused(why);
      const sending = queued.filter((item) => item.action === "submit").slice(-1)[0];
      word.show(sending || null);
      send.disabled = Boolean(sending); // waiting for the connection too
      if (keptForLater && !sending) { // it waited for the connection, and has gone now
        keptForLater = false;
        if (!why) status.textContent = SENT;
      }
      const changed = open !== isOpen;
      open = isOpen;
      form.hidden = !open;
      undo.disabled = clear.disabled = !open;
      typed.hidden = !open || draft.kind !== "bricks";
      send.textContent = mine?.picture ? t("Send my changes") : t("Send my picture");
      sentNote.textContent = !mine?.picture ? ""
        : mine.picture.waiting ? t("Sent: “%(title)s”. It waits for the facilitator before it goes on the wall.",
          { title: mine.picture.title })
          : t("On the wall now: “%(title)s”.", { title: mine.picture.title });
      if (mine?.taken_off) status.textContent = t("The facilitator has taken your picture off the wall.");
      else if (!open) status.textContent = t("Building is closed for now.");
      else if (!status.textContent) status.textContent = t("Build with bricks or draw, give it a title, then send it.");
      if (changed) drawBoard();
    },
  };
}
