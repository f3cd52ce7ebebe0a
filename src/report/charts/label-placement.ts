/**
 * Greedy placement of annotation labels so they do not cover each other: each label tries its
 * candidate positions around its anchor, in its preferred order, and takes the first that stays in the
 * plot and clears every label placed before it and the fixed obstacles (phase and limit labels), and
 * preferably the drawn lines too. Pixel geometry from the charts' fixed scales and DejaVu Sans' advance
 * widths (./text-metrics.ts). Pure; deterministic for a given order of requests.
 */

import { textWidthPx } from './text-metrics.js';

/** A rectangle in plot pixels; y grows downwards as in SVG. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Side =
  'right' | 'left' | 'above' | 'below' | 'above-left' | 'above-right' | 'below-left' | 'below-right';

/** Where a label sits relative to its anchor point; "-far" moves it three times as far away. */
export type Placement = Side | `${Side}-far`;

export interface LabelRequest {
  text: string;
  fontSizePx: number;
  bold?: boolean;
  /** The point the label describes, in plot pixels. */
  anchor: { x: number; y: number };
  /** Positions to try, best first. */
  placements: Placement[];
  /** Leave the label out (null) when no candidate clears the labels placed before it. */
  optional?: boolean;
}

/** Gap between a label and its anchor, and the margin kept between labels, in pixels. */
const GAP_PX = 6;
const MARGIN_PX = 2;

export function labelBox(request: LabelRequest, placement: Placement): Box {
  const w = textWidthPx(request.text, request.fontSizePx, request.bold);
  const h = request.fontSizePx + 2;
  const { x, y } = request.anchor;
  const far = placement.endsWith('-far');
  const gap = far ? 3 * GAP_PX : GAP_PX;
  const side = (far ? placement.slice(0, -'-far'.length) : placement) as Side;
  switch (side) {
    case 'right':
      return { x: x + gap, y: y - h / 2, w, h };
    case 'left':
      return { x: x - gap - w, y: y - h / 2, w, h };
    case 'above':
      return { x: x - w / 2, y: y - gap - h, w, h };
    case 'below':
      return { x: x - w / 2, y: y + gap, w, h };
    case 'above-left':
      return { x: x - gap - w, y: y - gap - h, w, h };
    case 'above-right':
      return { x: x + gap, y: y - gap - h, w, h };
    case 'below-left':
      return { x: x - gap - w, y: y + gap, w, h };
    case 'below-right':
      return { x: x + gap, y: y + gap, w, h };
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
 * Small boxes along a polyline (pixels), at most `stepPx` apart, so labels can keep off drawn lines.
 * A null point breaks the line (a gap).
 */
export function polylineObstacles(points: ({ x: number; y: number } | null)[], stepPx = 4): Box[] {
  const boxes: Box[] = [];
  let previous: { x: number; y: number } | null = null;
  for (const point of points) {
    if (point === null) {
      previous = null;
      continue;
    }
    if (previous === null) {
      boxes.push({ x: point.x - 1, y: point.y - 1, w: 2, h: 2 });
    } else {
      const steps = Math.max(1, Math.ceil(Math.hypot(point.x - previous.x, point.y - previous.y) / stepPx));
      for (let k = 1; k <= steps; k++) {
        const x = previous.x + ((point.x - previous.x) * k) / steps;
        const y = previous.y + ((point.y - previous.y) * k) / steps;
        boxes.push({ x: x - 1, y: y - 1, w: 2, h: 2 });
      }
    }
    previous = point;
  }
  return boxes;
}

/**
 * One box per request, in order: the first candidate inside the plot that clears every label (placed
 * earlier, or fixed in `obstacles`) and the drawn lines (`softObstacles`); else the first that clears
 * the labels only. Without such a candidate an optional label is left out (null); any other takes its
 * first candidate inside the plot, so it is never dropped.
 */
export function placeLabels(
  requests: LabelRequest[],
  bounds: { width: number; height: number },
  obstacles: Box[] = [],
  softObstacles: Box[] = [],
): (Box | null)[] {
  const placed: Box[] = [...obstacles];
  return requests.map((request) => {
    const boxes = request.placements.map((placement) => labelBox(request, placement));
    const clearOfLabels = boxes.filter(
      (box) => inside(box, bounds) && placed.every((other) => !overlaps(box, other)),
    );
    const chosen =
      clearOfLabels.find((box) => softObstacles.every((other) => !overlaps(box, other, 0))) ??
      clearOfLabels[0] ??
      (request.optional ? null : (boxes.find((box) => inside(box, bounds)) ?? (boxes[0] as Box)));
    if (chosen !== null) placed.push(chosen);
    return chosen;
  });
}
