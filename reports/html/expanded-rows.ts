import { LANE_GROUPS, type Lane, type LaneGroup } from './timeline-model.js';

export interface Rows {
  /** Row of each group's header; only groups with more than one lane have one. */
  groupRow: Map<LaneGroup, number>;
  laneRow: number[];
  count: number;
}

/** Every lane on its own row: the picture without the viewer script; the script then collapses big groups. */
export function expandedRows(lanes: readonly Lane[]): Rows {
  const groupRow = new Map<LaneGroup, number>();
  const laneRow: number[] = [];
  let row = 0;
  for (const group of LANE_GROUPS) {
    const members = lanes.filter((l) => l.group === group);
    if (members.length > 1) groupRow.set(group, row++);
    for (const lane of members) laneRow[lane.index] = row++;
  }
  return { groupRow, laneRow, count: row };
}
