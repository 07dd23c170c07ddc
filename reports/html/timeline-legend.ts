/** What the marks mean; the x axis is event order, which is the part people misread first. */
export const TIMELINE_LEGEND = `<div class="tl-legend muted">
<svg width="10" height="10"><circle class="legend-dot ev-window" cx="5" cy="5" r="4"/></svg> window
<svg width="10" height="10"><circle class="legend-dot ev-server" cx="5" cy="5" r="4"/></svg> server
<svg width="10" height="10"><circle class="legend-dot ev-sim" cx="5" cy="5" r="4"/></svg> simulator
<svg width="10" height="10"><circle class="legend-dot ev-fault" cx="5" cy="5" r="4"/></svg> fault
<svg width="10" height="10"><circle class="legend-dot ev-bad" cx="5" cy="5" r="4"/></svg> refusal/error
<svg width="14" height="14"><circle class="legend-witness" cx="7" cy="7" r="5"/></svg> witness
<svg width="14" height="10"><rect class="span-gate" width="14" height="10"/></svg> gate holding
<svg width="14" height="10"><rect class="span-fault" width="14" height="10"/></svg> fault active
· arrows: call → result · left to right: order of events (ticks give ms) · click an event for details
</div>`;
