/**
 * Batch progress on stderr: a one-line bar redrawn in place on a terminal (hosts done/total, ETA,
 * the host being worked on), one plain line per finished host otherwise (logs, CI), nothing with
 * --quiet. Failed hosts are always printed on a line of their own (unless quiet).
 */

import type { BatchProgress } from '../batch/run.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export type ProgressMode = 'bar' | 'lines' | 'quiet';

export function progressMode(stream: ProgressStream, quiet: boolean): ProgressMode {
  if (quiet) return 'quiet';
  return stream.isTTY === true ? 'bar' : 'lines';
}

/** Host names come from folder names: never let one write control sequences to the terminal. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** "1:05:09", "4:07", "0:09". */
export function formatEta(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

export class ProgressReporter {
  private total = 0;
  private done = 0;
  /** Hosts actually analysed (not skipped by --resume): the ETA is their pace. */
  private worked = 0;
  private startedMs = 0;
  private current = '';
  private lastDrawMs = -Infinity;
  private barShown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly mode: ProgressMode,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  handle(event: BatchProgress): void {
    if (this.mode === 'quiet') return;
    switch (event.kind) {
      case 'start':
        this.total = event.total;
        this.startedMs = this.nowMs();
        if (this.mode === 'lines') this.stream.write(`memautopsy: ${event.total} host(s) to analyse\n`);
        this.draw(true);
        return;
      case 'host-start':
        this.current = event.host;
        this.draw(false);
        return;
      case 'host-done': {
        this.done = event.done;
        if (event.status !== 'skipped') this.worked++;
        const host = printable(event.host);
        const status =
          event.status === 'error'
            ? `failed: ${printable(event.error ?? '')}`
            : event.status === 'skipped'
              ? 'up to date (skipped)'
              : (event.verdict ?? 'ok');
        if (this.mode === 'lines') {
          this.stream.write(`memautopsy: [${event.done}/${event.total}] ${host}: ${status}\n`);
        } else if (event.status === 'error') {
          this.clear();
          this.stream.write(`memautopsy: ${host}: ${status}\n`);
          this.draw(true);
        } else {
          this.draw(event.done === event.total);
        }
        return;
      }
    }
  }

  /** The bar text for the current state (without the carriage return). */
  barLine(): string {
    const fraction = this.total === 0 ? 1 : this.done / this.total;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const elapsedS = (this.nowMs() - this.startedMs) / 1000;
    const remaining = this.total - this.done;
    const eta =
      remaining === 0
        ? 'done'
        : this.worked === 0
          ? 'ETA --:--'
          : `ETA ${formatEta((elapsedS / this.worked) * remaining)}`;
    const line = `${bar} ${this.done}/${this.total} ${Math.floor(fraction * 100)}% ${eta}  ${printable(this.current)}`;
    // A terminal that does not report its size (columns 0 or undefined) gets the classic 80.
    const columns = this.stream.columns !== undefined && this.stream.columns > 0 ? this.stream.columns : 80;
    const width = Math.max(20, columns - 1);
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
  }

  private draw(force: boolean): void {
    if (this.mode !== 'bar') return;
    const now = this.nowMs();
    if (!force && now - this.lastDrawMs < REDRAW_MS) return;
    this.lastDrawMs = now;
    this.stream.write(`\r${this.barLine()}\u001b[K`);
    this.barShown = true;
  }

  private clear(): void {
    if (this.barShown) this.stream.write('\r\u001b[K');
    this.barShown = false;
  }

  /** Leave the terminal clean: the bar line is erased (the final summary line follows). */
  finish(): void {
    if (this.mode === 'bar') this.clear();
  }
}
