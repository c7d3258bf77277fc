/**
 * The source picker: type words to narrow every register and virtual meter down, tick up to
 * six. Plain checkboxes and buttons, so Space and Enter work as everywhere. The matches are
 * one Tab stop (the arrow keys move between them, Down from the search box enters them), so
 * Tab gets past a long list at once; Enter in the search box adds the first match.
 */
import { findSources, MAX_SOURCES, type SourceInfo, sourceLabel } from "./sources.js";

/** Matches listed at once; typing narrows the rest down. */
const LISTED = 60;

export interface PickerElements {
  find: HTMLInputElement;
  matches: HTMLElement;
  note: HTMLElement;
  chosen: HTMLElement;
  count: HTMLElement;
}

export class SourcePicker {
  #sources: SourceInfo[] = [];
  #chosen: SourceInfo[] = [];
  readonly #el: PickerElements;

  constructor(elements: PickerElements) {
    this.#el = elements;
    elements.find.addEventListener("input", () => this.#renderMatches());
    elements.find.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault(); // not the form's submit
        const first = findSources(this.#sources, elements.find.value).find(
          (s) => !this.#chosen.includes(s),
        );
        if (first && this.#chosen.length < MAX_SOURCES) {
          this.#chosen.push(first);
          elements.find.value = "";
          this.#render();
        }
      } else if (event.key === "ArrowDown") {
        event.preventDefault();
        elements.matches.querySelector<HTMLInputElement>("input:not(:disabled)")?.focus();
      }
    });
    elements.matches.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      const boxes = [...elements.matches.querySelectorAll("input:not(:disabled)")];
      const at = boxes.indexOf(event.target as HTMLInputElement);
      if (at < 0) return;
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      (next < 0 ? elements.find : (boxes[Math.min(next, boxes.length - 1)] as HTMLElement)).focus();
    });
  }

  /** The server's sources; keeps the chosen ones that still exist. */
  setSources(sources: SourceInfo[]): void {
    this.#sources = sources;
    this.#chosen = this.#chosen.flatMap((c) => sources.filter((s) => s.id === c.id));
    this.#render();
  }

  get chosen(): readonly SourceInfo[] {
    return this.#chosen;
  }

  #toggle(source: SourceInfo, on: boolean): void {
    this.#chosen = this.#chosen.filter((s) => s !== source);
    if (on && this.#chosen.length < MAX_SOURCES) this.#chosen.push(source);
    this.#render();
  }

  #render(): void {
    const { chosen, count } = this.#el;
    count.textContent = `(${this.#chosen.length} of at most ${MAX_SOURCES})`;
    chosen.replaceChildren(
      ...this.#chosen.map((source) => {
        const item = document.createElement("li");
        const name = document.createElement("span");
        name.textContent = `${sourceLabel(source)} · ${source.id}`;
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "remove";
        remove.textContent = "×";
        remove.setAttribute("aria-label", `Remove ${sourceLabel(source)}`);
        remove.addEventListener("click", () => {
          this.#toggle(source, false);
          this.#el.find.focus();
        });
        item.append(name, remove);
        return item;
      }),
    );
    this.#renderMatches();
  }

  #renderMatches(): void {
    const { find, matches, note } = this.#el;
    const found = findSources(this.#sources, find.value);
    const full = this.#chosen.length >= MAX_SOURCES;
    matches.replaceChildren(
      ...found.slice(0, LISTED).map((source) => {
        const label = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = source.id;
        box.checked = this.#chosen.includes(source);
        box.disabled = full && !box.checked;
        box.tabIndex = -1;
        box.addEventListener("focus", () => {
          for (const other of matches.querySelectorAll("input")) other.tabIndex = -1;
          box.tabIndex = 0;
        });
        box.addEventListener("change", () => {
          this.#toggle(source, box.checked);
          matches.querySelector<HTMLInputElement>(`input[value="${source.id}"]`)?.focus();
        });
        const meter = document.createElement("span");
        meter.className = "meter";
        meter.textContent = source.meter;
        const name = document.createElement("span");
        name.className = "name";
        name.textContent = source.name;
        const detail = document.createElement("span");
        detail.className = "detail";
        detail.textContent = `${source.unit}${source.instantaneous ? ", level" : ""} · ${source.id}`;
        label.append(box, meter, name, detail);
        const item = document.createElement("li");
        item.append(label);
        return item;
      }),
    );
    const first = matches.querySelector<HTMLInputElement>("input:not(:disabled)");
    if (first) first.tabIndex = 0;
    const more = found.length - LISTED;
    note.textContent =
      (found.length === 0
        ? "Nothing matches. "
        : more > 0
          ? `${more} more: type to narrow down. `
          : "") + (full ? `${MAX_SOURCES} chosen: remove one to add another.` : "");
  }
}
