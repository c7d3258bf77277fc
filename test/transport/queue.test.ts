/**
 * The request queue alone: FIFO slots, and the lending of slots whose results nobody has
 * started to read (so `Promise.all` over readings calls never waits on itself).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RequestQueue, type Slot } from "../../src/transport/queue.js";

/** Lets the current task end, so that the queue's lending runs. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Watches `promise`: `done` turns true once it has settled, `outcome` is its value or error. */
function watch<T>(promise: Promise<T>): { readonly done: boolean; outcome: unknown } {
  const watched = { done: false, outcome: undefined as unknown };
  promise.then(
    (value) => Object.assign(watched, { done: true, outcome: value }),
    (error) => Object.assign(watched, { done: true, outcome: error }),
  );
  return watched;
}

describe("RequestQueue: lending parked slots", () => {
  it("lends a parked slot to a waiter once the current task is over, never within it", async () => {
    const queue = new RequestQueue(1);
    const first = await queue.acquire();
    const second = watch(queue.acquire());
    first.park();
    await Promise.resolve();
    expect(second.done).toBe(false); // a caller handed a result may still start to read
    await nextTask();
    expect(second.done).toBe(true);
    first.unpark(); // takes a slot back at once: both are open, so a third waits
    const third = watch(queue.acquire());
    await nextTask();
    expect(third.done).toBe(false);
  });

  it("a slot released twice frees one place, not two", async () => {
    const queue = new RequestQueue(1);
    const slot = await queue.acquire();
    const waiter = queue.acquire();
    slot.release();
    slot.release();
    await waiter;
    const third = watch(queue.acquire()); // the waiter holds the only place
    await nextTask();
    expect(third.done).toBe(false);
  });

  it("a caller that starts to read in the same task keeps its slot: FIFO as usual", async () => {
    const queue = new RequestQueue(1);
    const first = await queue.acquire();
    const second = watch(queue.acquire());
    first.park();
    await Promise.resolve();
    first.unpark();
    await nextTask();
    expect(second.done).toBe(false);
    first.release();
    await nextTask();
    expect(second.done).toBe(true);
  });

  it("stops at openLimit open requests, then refuses waiters at once, and takes them again after a release", async () => {
    const queue = new RequestQueue(1);
    expect(queue.openLimit).toBe(4);
    const slots: Slot[] = [];
    for (let i = 0; i < 4; i++) {
      const slot = queue.acquire();
      slots.at(-1)?.park();
      await nextTask();
      slots.push(await slot);
    }
    slots.at(-1)?.park();
    const refused = new Error("refused");
    const waiters = [
      watch(queue.acquire(undefined, () => refused)),
      watch(queue.acquire(undefined, () => refused)),
    ];
    await nextTask();
    for (const waiter of waiters) expect(waiter.outcome).toBe(refused);
    slots[0]?.release();
    const next = queue.acquire();
    await nextTask();
    await expect(next).resolves.toBeDefined();
  });

  it("with maxConcurrent above 4, the limit is maxConcurrent: parked slots are never lent", async () => {
    const queue = new RequestQueue(6);
    expect(queue.openLimit).toBe(6);
    const slots = await Promise.all(Array.from({ length: 6 }, () => queue.acquire()));
    for (const slot of slots) slot.park();
    const waiter = watch(queue.acquire());
    await nextTask();
    expect(waiter.outcome).toBeInstanceOf(Error);
  });

  it("under any mix of calls: never more than openLimit open, FIFO, polite until something parks, and no waiter left waiting only on parked slots", async () => {
    const slotStep = (op: "park" | "unpark" | "release") =>
      fc.record({ op: fc.constant(op), i: fc.nat(20) });
    const step = fc.oneof(
      { arbitrary: fc.constant({ op: "acquire" as const }), weight: 3 },
      { arbitrary: slotStep("park"), weight: 3 },
      { arbitrary: fc.constant({ op: "tick" as const }), weight: 2 },
      { arbitrary: slotStep("unpark"), weight: 1 },
      { arbitrary: slotStep("release"), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(1, 1, 2, 3, 6),
        fc.array(step, { minLength: 20, maxLength: 80 }),
        async (max, steps) => {
          const queue = new RequestQueue(max);
          const held: { slot: Slot; parked: boolean }[] = [];
          const order: number[] = [];
          let asked = 0;
          let settledCount = 0;
          let everParked = false;
          const waiting = () => asked - settledCount;
          for (const s of steps) {
            if (s.op === "acquire") {
              const n = asked++;
              queue.acquire().then(
                (slot) => {
                  order.push(n);
                  settledCount++;
                  held.push({ slot, parked: false });
                },
                () => {
                  order.push(n);
                  settledCount++;
                },
              );
            } else if (s.op === "tick") {
              await nextTask();
              // Whoever still waits, waits for a slot someone is using.
              if (waiting() > 0) expect(held.some((h) => !h.parked)).toBe(true);
            } else {
              const h = held[s.i % Math.max(held.length, 1)];
              if (!h) continue;
              if (s.op === "park") {
                h.slot.park();
                h.parked = everParked = true;
              } else if (s.op === "unpark") {
                h.slot.unpark();
                h.parked = false;
              } else {
                h.slot.release();
                held.splice(held.indexOf(h), 1);
              }
            }
            await Promise.resolve();
            await Promise.resolve();
            expect(held.length).toBeLessThanOrEqual(queue.openLimit);
            if (!everParked) expect(held.length).toBeLessThanOrEqual(max);
            expect(order).toEqual([...order].sort((a, b) => a - b));
          }
          for (const h of held) h.slot.release();
          await nextTask();
        },
      ),
      { numRuns: 120, seed: 5 },
    );
  });
});
