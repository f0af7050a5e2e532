// The console calendar's pointer gestures and the booking page's helpers.
//
// Calendar: pointer events on the grid, with a ghost in document.body (never inside Blazor's markup) showing where an
// appointment goes. Nothing is moved in the DOM Blazor owns: when the gesture ends the circuit is told (Move, Resize,
// Create, Open) and re-renders what the use case answered; a refused move simply leaves the appointment where it was.
const threshold = 4;

export function attach(root, dotnet) {
  let gesture = null;

  const settings = () => ({
    step: Number(root.dataset.step || 15),
    scale: Number(root.dataset.scale || 1),
    startMinute: Number(root.dataset.startMinute || 0),
  });

  const columnAt = (x, y) => {
    for (const element of document.elementsFromPoint(x, y)) {
      const column = element.closest && element.closest(".cal-col");
      if (column && root.contains(column)) {
        return column;
      }
    }
    return null;
  };

  const snap = (pixels, s) => Math.round(pixels / (s.step * s.scale)) * s.step * s.scale;

  const ghostAt = (left, top, width, height, text) => {
    const ghost = document.createElement("div");
    ghost.className = "cal-ghost";
    ghost.setAttribute("aria-hidden", "true");
    ghost.dataset.test = "calendar-ghost";
    Object.assign(ghost.style, { position: "fixed", left: `${left}px`, top: `${top}px`, width: `${width}px`, height: `${height}px`, pointerEvents: "none", zIndex: 2000 });
    ghost.textContent = text || "";
    document.body.appendChild(ghost);
    return ghost;
  };

  const onDown = (e) => {
    if (e.button !== 0 || gesture) {
      return;
    }
    const appointment = e.target.closest(".cal-appt");
    const column = e.target.closest(".cal-col");
    if (!column || !root.contains(column)) {
      return;
    }
    e.preventDefault();
    const s = settings();
    const columnRect = column.getBoundingClientRect();
    if (appointment) {
      gesture = {
        mode: e.target.closest(".cal-resize") ? "resize" : "move", id: appointment.dataset.id, element: appointment, column,
        rect: appointment.getBoundingClientRect(), x: e.clientX, y: e.clientY, moved: false, movable: appointment.dataset.movable === "true", s,
      };
    } else {
      const top = columnRect.top + Math.floor((e.clientY - columnRect.top) / (s.step * s.scale)) * s.step * s.scale;
      gesture = { mode: "create", column, columnRect, top, x: e.clientX, y: e.clientY, moved: false, s };
    }
    root.setPointerCapture(e.pointerId);
  };

  const onMove = (e) => {
    if (!gesture) {
      return;
    }
    const dx = e.clientX - gesture.x;
    const dy = e.clientY - gesture.y;
    if (!gesture.moved) {
      if (Math.abs(dx) < threshold && Math.abs(dy) < threshold) {
        return;
      }
      if (gesture.mode !== "create" && !gesture.movable) {
        return;
      }
      gesture.moved = true;
      if (gesture.mode === "create") {
        const r = gesture.columnRect;
        gesture.ghost = ghostAt(r.left + 2, gesture.top, r.width - 4, gesture.s.step * gesture.s.scale, "");
      } else {
        const r = gesture.rect;
        gesture.ghost = ghostAt(r.left, r.top, r.width, r.height, gesture.element.innerText);
        gesture.element.classList.add("cal-dragging");
      }
    }
    const s = gesture.s;
    const ghost = gesture.ghost;
    if (gesture.mode === "move") {
      const column = columnAt(e.clientX, e.clientY) || gesture.target || gesture.column;
      gesture.target = column;
      const r = column.getBoundingClientRect();
      ghost.style.left = `${r.left + 2}px`;
      ghost.style.width = `${r.width - 4}px`;
      ghost.style.top = `${gesture.rect.top + snap(dy, s)}px`;
    } else if (gesture.mode === "resize") {
      ghost.style.height = `${Math.max(s.step * s.scale, snap(gesture.rect.height + dy, s))}px`;
    } else {
      const unit = s.step * s.scale;
      const pointer = gesture.columnRect.top + Math.floor((e.clientY - gesture.columnRect.top) / unit) * unit;
      const top = Math.min(gesture.top, pointer);
      const bottom = Math.max(gesture.top, pointer) + unit;
      ghost.style.top = `${top}px`;
      ghost.style.height = `${bottom - top}px`;
    }
  };

  const minuteOf = (column, top, s) => s.startMinute + Math.round((top - column.getBoundingClientRect().top) / s.scale);

  const finish = async (g, cancelled) => {
    try {
      if (cancelled) {
        return;
      }
      const s = g.s;
      if (!g.moved) {
        if (g.mode === "create") {
          await dotnet.invokeMethodAsync("Create", g.column.dataset.col, minuteOf(g.column, g.top, s), 0);
        } else {
          await dotnet.invokeMethodAsync("Open", g.id);
        }
        return;
      }
      const ghost = g.ghost.getBoundingClientRect();
      if (g.mode === "move") {
        const column = g.target || g.column;
        await dotnet.invokeMethodAsync("Move", g.id, column.dataset.col, minuteOf(column, ghost.top, s));
      } else if (g.mode === "resize") {
        await dotnet.invokeMethodAsync("Resize", g.id, Math.round(ghost.height / s.scale));
      } else {
        await dotnet.invokeMethodAsync("Create", g.column.dataset.col, minuteOf(g.column, ghost.top, s), Math.round(ghost.height / s.scale));
      }
    } catch (error) {
      console.warn("calendar", error);
    } finally {
      g.ghost?.remove();
      g.element?.classList.remove("cal-dragging");
    }
  };

  const onUp = (e) => {
    if (!gesture) {
      return;
    }
    const g = gesture;
    gesture = null;
    if (root.hasPointerCapture(e.pointerId)) {
      root.releasePointerCapture(e.pointerId);
    }
    finish(g, e.type === "pointercancel");
  };

  const onKey = (e) => {
    if (e.key === "Escape" && gesture) {
      const g = gesture;
      gesture = null;
      finish(g, true);
    }
  };

  // The keyboard's drag and drop: Alt+arrows on a focused appointment move it by a step (up, down) or a day (left,
  // right). Alt+Left would otherwise take the browser back a page, so these keys stop here; focus follows the
  // appointment to where it was drawn again.
  const nudges = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  let nudging = false;
  const onNudge = async (e) => {
    const nudge = nudges[e.key];
    const appointment = e.target.closest && e.target.closest(".cal-appt");
    if (!nudge || !e.altKey || e.ctrlKey || e.metaKey || !appointment || !root.contains(appointment)) {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    if (nudging || appointment.dataset.movable !== "true") {
      return;
    }
    nudging = true;
    const id = appointment.dataset.id;
    try {
      await dotnet.invokeMethodAsync("Nudge", id, nudge[0], nudge[1]);
    } catch (error) {
      console.warn("calendar", error);
    } finally {
      nudging = false;
      requestAnimationFrame(() => root.querySelector(`.cal-appt[data-id="${id}"]`)?.focus());
    }
  };

  root.addEventListener("pointerdown", onDown);
  root.addEventListener("pointermove", onMove);
  root.addEventListener("pointerup", onUp);
  root.addEventListener("pointercancel", onUp);
  document.addEventListener("keydown", onKey);
  root.addEventListener("keydown", onNudge);

  return {
    dispose() {
      root.removeEventListener("pointerdown", onDown);
      root.removeEventListener("pointermove", onMove);
      root.removeEventListener("pointerup", onUp);
      root.removeEventListener("pointercancel", onUp);
      document.removeEventListener("keydown", onKey);
      root.removeEventListener("keydown", onNudge);
    },
  };
}

// Scrolls the calendar's body so that the working day's start is in view.
export function scrollTo(element, top) {
  if (element) {
    element.scrollTop = top;
    // Said on the element, so whoever measures the grid (a test, a script) knows the scroll is done.
    element.dataset.scrolled = "true";
  }
}

// The booking page: the client's own time zone, to offer slots in it.
export function timeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

// Moves focus to a heading after the page changed step or opened a drawer (screen readers hear where they are). A
// drawer still sliding in may refuse focus for a moment, so it is tried again for up to a second (timers, not animation
// frames, which a page in the background does not get).
export function focus(selector, tries = 60) {
  const element = document.querySelector(selector);
  element?.focus();
  if (document.activeElement !== element && tries > 0) {
    setTimeout(() => focus(selector, tries - 1), 16);
  }
}
