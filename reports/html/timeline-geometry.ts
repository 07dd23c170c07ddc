/** Shared by the server-side SVG and the viewer script, so both draw the same picture. */
export const GEOMETRY = {
  /** Height of one lane. */
  row: 20,
  /** Space above the first lane for the time ticks. */
  head: 22,
  /** Left and right margin inside the scrolling area. */
  pad: 12,
  /** Default pixels per event; the zoom slider changes it. */
  step: 16,
  labelWidth: 190,
  /** Groups with more lanes than this start collapsed (hundreds of windows would drown the witness). */
  collapseOver: 16,
  /** Word labels beside witness events climb at this angle, so labels one step apart do not write over each other. */
  labelAngle: -38,
  /** Extra room above the first lane when labels are drawn, so a label on a top lane is not cut off. */
  labelHeadroom: 64,
} as const;

export const eventX = (i: number, step: number = GEOMETRY.step) => GEOMETRY.pad + i * step + step / 2;
/** `top`: headroom above the lanes (labelHeadroom when the timeline carries word labels, else 0). */
export const rowY = (row: number, top = 0) => GEOMETRY.head + top + row * GEOMETRY.row + GEOMETRY.row / 2;
