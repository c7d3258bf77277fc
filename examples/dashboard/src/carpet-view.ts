/**
 * Draws a carpet (carpet.ts) on a canvas: days left to right, 00:00 at the top, colour from
 * low (pale) to high (dark). A cursor cell follows the mouse and the arrow keys; the readout
 * below says what it is in words.
 */
import { type Carpet, describeCell, SLOTS } from "./carpet.js";
import { rateUnit } from "./sources.js";
import { formatNumber } from "./summary.js";
import { dateOfDay, formatDay } from "./zone.js";

const ROW_PX = 5;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MARGIN = { left: 44, right: 8, top: 8, bottom: 22 };
const EMPTY = [226, 232, 240];
/** Pale yellow to deep blue, in steps interpolated linearly. */
const RAMP = [
  [255, 255, 217],
  [199, 233, 180],
  [65, 182, 196],
  [34, 94, 168],
  [8, 29, 88],
];

function colour(fraction: number): number[] {
  const x = Math.min(1, Math.max(0, fraction)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const a = RAMP[i] as number[];
  const b = RAMP[i + 1] as number[];
  return a.map((v, k) => Math.round(v + ((b[k] as number) - v) * (x - i)));
}

export const RAMP_CSS = `linear-gradient(to right, ${RAMP.map((c) => `rgb(${c.join(",")})`).join(", ")})`;

function cellImage(plot: Carpet): HTMLCanvasElement {
  const image = new ImageData(plot.days, SLOTS);
  const span = plot.high - plot.low || 1;
  for (let day = 0; day < plot.days; day++) {
    for (let slot = 0; slot < SLOTS; slot++) {
      const v = plot.value[day * SLOTS + slot] as number;
      const rgb = Number.isNaN(v) ? EMPTY : colour((v - plot.low) / span);
      image.data.set(
        [rgb[0] as number, rgb[1] as number, rgb[2] as number, 255],
        (slot * plot.days + day) * 4,
      );
    }
  }
  const cells = document.createElement("canvas");
  cells.width = plot.days;
  cells.height = SLOTS;
  cells.getContext("2d")?.putImageData(image, 0, 0);
  return cells;
}

export interface CarpetElements {
  canvas: HTMLCanvasElement;
  readout: HTMLElement;
  low: HTMLElement;
  high: HTMLElement;
}

export class CarpetView {
  #plot: Carpet | undefined;
  /** The cells as an image of days × 48 pixels, stretched onto the plot area when drawn. */
  #cells = document.createElement("canvas");
  #day = 0;
  #slot = 0;
  readonly #el: CarpetElements;

  constructor(elements: CarpetElements) {
    this.#el = elements;
    const { canvas } = elements;
    canvas.addEventListener("keydown", (event) => this.#key(event));
    canvas.addEventListener("mousemove", (event) => {
      const plot = this.#plot;
      if (!plot) return;
      const box = canvas.getBoundingClientRect();
      const x = event.clientX - box.left - MARGIN.left;
      const y = event.clientY - box.top - MARGIN.top;
      const width = box.width - MARGIN.left - MARGIN.right;
      if (x < 0 || y < 0 || x >= width || y >= SLOTS * ROW_PX) return;
      this.#moveTo(Math.floor((x / width) * plot.days), Math.floor(y / ROW_PX));
    });
  }

  show(plot: Carpet | undefined): void {
    this.#plot = plot;
    this.#day = 0;
    this.#slot = 0;
    const { canvas, low, high } = this.#el;
    if (plot) {
      this.#cells = cellImage(plot);
      const unit = rateUnit(plot.series.source);
      low.textContent = `${formatNumber(plot.low)} ${unit}`;
      high.textContent = `${formatNumber(plot.high)} ${unit}`;
      canvas.setAttribute(
        "aria-label",
        `Carpet plot of ${plot.series.source.id}, ${formatDay(plot.firstDay)} to ${formatDay(plot.firstDay + plot.days - 1)}: focus it and use the arrow keys to read cells`,
      );
      this.#moveTo(0, 0);
    }
    this.draw();
  }

  /** Redraws at the canvas's current width (after a resize too). */
  draw(): void {
    const { canvas } = this.#el;
    const plot = this.#plot;
    const scale = window.devicePixelRatio || 1;
    const width = Math.max(200, canvas.clientWidth);
    const height = MARGIN.top + SLOTS * ROW_PX + MARGIN.bottom;
    canvas.style.height = `${height}px`;
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const g = canvas.getContext("2d");
    if (!g || !plot) return;
    g.scale(scale, scale);
    const plotWidth = width - MARGIN.left - MARGIN.right;

    g.imageSmoothingEnabled = plot.days > plotWidth; // blend days only when squeezing them
    g.drawImage(this.#cells, MARGIN.left, MARGIN.top, plotWidth, SLOTS * ROW_PX);

    g.fillStyle = "#475569";
    g.font = "11px system-ui, sans-serif";
    g.textBaseline = "middle";
    g.textAlign = "right";
    for (let hour = 0; hour <= 24; hour += 6) {
      g.fillText(
        `${String(hour).padStart(2, "0")}:00`,
        MARGIN.left - 4,
        MARGIN.top + hour * 2 * ROW_PX,
      );
    }
    g.textAlign = "left";
    g.textBaseline = "top";
    let lastX = Number.NEGATIVE_INFINITY;
    for (let day = 0; day < plot.days; day++) {
      const date = dateOfDay(plot.firstDay + day);
      const label =
        plot.days > 62
          ? date.day === 1
            ? date.month === 1 || lastX < 0
              ? `${MONTHS[date.month - 1]} ${date.year}`
              : MONTHS[date.month - 1]
            : undefined
          : formatDay(plot.firstDay + day).slice(0, 5);
      const x = MARGIN.left + (day / plot.days) * plotWidth;
      if (label === undefined || x - lastX < 48 || x > width - 30) continue;
      g.fillText(label, x, MARGIN.top + SLOTS * ROW_PX + 4);
      lastX = x;
    }

    const cellWidth = plotWidth / plot.days;
    g.strokeStyle = "#dc2626";
    g.lineWidth = 1.5;
    g.strokeRect(
      MARGIN.left + this.#day * cellWidth,
      MARGIN.top + this.#slot * ROW_PX,
      Math.max(2, cellWidth),
      ROW_PX,
    );
  }

  #moveTo(day: number, slot: number): void {
    const plot = this.#plot;
    if (!plot) return;
    this.#day = Math.min(plot.days - 1, Math.max(0, day));
    this.#slot = Math.min(SLOTS - 1, Math.max(0, slot));
    this.#el.readout.textContent = describeCell(plot, this.#day, this.#slot);
    this.draw();
  }

  #key(event: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
      PageUp: [-7, 0],
      PageDown: [7, 0],
    };
    const plot = this.#plot;
    if (!plot) return;
    const move = moves[event.key];
    if (move) this.#moveTo(this.#day + move[0], this.#slot + move[1]);
    else if (event.key === "Home") this.#moveTo(0, this.#slot);
    else if (event.key === "End") this.#moveTo(plot.days - 1, this.#slot);
    else return;
    event.preventDefault();
  }
}
