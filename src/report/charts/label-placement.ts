/**
 * Greedy placement of annotation labels so they do not cover each other: each label tries its
 * candidate positions around its anchor, in its preferred order, and takes the first that stays in the
 * plot and clears every label placed before it and the fixed obstacles (phase and limit labels).
 * Pixel geometry from the charts' fixed scales and DejaVu Sans' advance widths (./text-metrics.ts).
 * Pure; deterministic for a given order of requests.
 */

import { textWidthPx } from './text-metrics.js';

/** A rectangle in plot pixels; y grows downwards as in SVG. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where a label sits relative to its anchor point. */
export type Placement =
  'right' | 'left' | 'above' | 'below' | 'above-left' | 'above-right' | 'below-left' | 'below-right';

export interface LabelRequest {
  text: string;
  fontSizePx: number;
  bold?: boolean;
  /** The point the label describes, in plot pixels. */
  anchor: { x: number; y: number };
  /** Positions to try, best first. */
  placements: Placement[];
}

/** Gap between a label and its anchor, and the margin kept between labels, in pixels. */
const GAP_PX = 6;
const MARGIN_PX = 2;

export function labelBox(request: LabelRequest, placement: Placement): Box {
  const w = textWidthPx(request.text, request.fontSizePx, request.bold);
  const h = request.fontSizePx + 2;
  const { x, y } = request.anchor;
  switch (placement) {
    case 'right':
      return { x: x + GAP_PX, y: y - h / 2, w, h };
    case 'left':
      return { x: x - GAP_PX - w, y: y - h / 2, w, h };
    case 'above':
      return { x: x - w / 2, y: y - GAP_PX - h, w, h };
    case 'below':
      return { x: x - w / 2, y: y + GAP_PX, w, h };
    case 'above-left':
      return { x: x - GAP_PX - w, y: y - GAP_PX - h, w, h };
    case 'above-right':
      return { x: x + GAP_PX, y: y - GAP_PX - h, w, h };
    case 'below-left':
      return { x: x - GAP_PX - w, y: y + GAP_PX, w, h };
    case 'below-right':
      return { x: x + GAP_PX, y: y + GAP_PX, w, h };
  }
}

export function overlaps(a: Box, b: Box, margin = MARGIN_PX): boolean {
  return (
    a.x < b.x + b.w + margin &&
    b.x < a.x + a.w + margin &&
    a.y < b.y + b.h + margin &&
    b.y < a.y + a.h + margin
  );
}

function inside(box: Box, bounds: { width: number; height: number }): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.w <= bounds.width && box.y + box.h <= bounds.height;
}

/**
 * One box per request, in order. A label whose every candidate collides takes its first candidate
 * that stays in the plot (or its first candidate), so it is never dropped.
 */
export function placeLabels(
  requests: LabelRequest[],
  bounds: { width: number; height: number },
  obstacles: Box[] = [],
): Box[] {
  const placed: Box[] = [...obstacles];
  return requests.map((request) => {
    const boxes = request.placements.map((placement) => labelBox(request, placement));
    const free = boxes.find((box) => inside(box, bounds) && placed.every((other) => !overlaps(box, other)));
    const chosen = free ?? boxes.find((box) => inside(box, bounds)) ?? (boxes[0] as Box);
    placed.push(chosen);
    return chosen;
  });
}
