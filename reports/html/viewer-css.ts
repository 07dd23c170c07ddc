/** The report's only stylesheet, inlined so the file opens anywhere (CI artifact, mail attachment, offline). */
export const VIEWER_CSS = `
:root { --ok:#1a7f37; --bad:#cf222e; --err:#9a6700; --muted:#656d76; --line:#d0d7de; --gate:rgba(191,135,0,.16); --fault:rgba(207,34,46,.12); }
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 16px 24px; max-width: 1600px; color:#1f2328; }
h1 { font-size: 20px; margin: 0 0 6px; } h2 { font-size: 16px; margin: 20px 0 8px; }
.muted { color: var(--muted); font-weight: normal; }
.badge { display:inline-block; padding:0 7px; border-radius:10px; font-size:12px; color:#fff; background:var(--muted); }
.badge.known { background:#8c959f; } .badge.passed { background:var(--ok); } .badge.failed { background:var(--bad); } .badge.error { background:var(--err); } .badge.inconclusive { background:#8250df; } .badge.skipped { background:#8c959f; }
.table-scroll { overflow-x:auto; }
table { border-collapse:collapse; font-size:13px; } th, td { border:1px solid var(--line); padding:3px 8px; text-align:left; }
thead th { background:#f6f8fa; } td.num { text-align:right; }
.cell-ok { color:var(--ok); } .cell-broken { color:var(--bad); font-weight:600; } .cell-none { color:var(--muted); text-align:center; } .cell-unsure { color:#8250df; font-weight:600; }
.cell-caught { background:#dafbe1; } th.clean, td.clean { border-left:2px solid #8c959f; border-right:2px solid #8c959f; }
details.scenario { border:1px solid var(--line); border-radius:6px; margin:8px 0; }
details.scenario.status-failed { border-color:var(--bad); } details.scenario.status-error { border-color:var(--err); }
details.scenario > summary { cursor:pointer; padding:6px 10px; }
.scenario-body { padding:4px 12px 12px; }
.verdicts { list-style:none; padding:0; margin:6px 0; } .verdict.broken .mark { color:var(--bad); } .verdict.holds .mark { color:var(--ok); } .verdict.unsure .mark { color:#8250df; }
.witness-link { font:12px ui-monospace, monospace; border:1px solid var(--bad); color:var(--bad); background:#fff; border-radius:4px; cursor:pointer; }
.harness-error { color:var(--err); font-weight:600; }
.replay code { background:#f6f8fa; padding:2px 6px; border-radius:4px; font-size:12px; }
.tl-controls { display:flex; gap:10px; align-items:center; margin:8px 0 4px; flex-wrap:wrap; }
.tl-filter { width:280px; }
.tl-body { display:flex; border:1px solid var(--line); max-height:70vh; overflow-y:auto; }
.tl-labels { flex:none; background:#f6f8fa; border-right:1px solid var(--line); font-size:12px; }
.tl-scroll { overflow-x:auto; flex:1; }
.group-label { font-weight:600; cursor:pointer; } .lane-label.has-witness { fill:var(--bad); font-weight:600; }
.row-line { stroke:#eaeef2; } .tick { font-size:10px; fill:var(--muted); text-anchor:middle; }
.span-gate { fill:var(--gate); stroke:rgba(191,135,0,.5); stroke-dasharray:3 2; } .span-fault { fill:var(--fault); }
.arrow { fill:none; stroke:#8c959f; stroke-width:1; pointer-events:none; } marker path { fill:#8c959f; }
.ev { stroke:#fff; stroke-width:1; cursor:pointer; } .ev-window { fill:#0969da; } .ev-server { fill:#8250df; }
.ev-sim { fill:#1a7f37; } .ev-fault { fill:#bf8700; } .ev-runner { fill:#6e7781; } .ev-bad { fill:#fb8500; }
.ev.witness { fill:var(--bad); stroke:#000; stroke-width:2; filter:drop-shadow(0 0 3px rgba(207,34,46,.9)); }
.tl-legend { font-size:12px; margin:2px 0 6px; } .tl-legend svg { vertical-align:middle; }
.legend-witness { fill:var(--bad); stroke:#000; stroke-width:2; }
.ev.selected { stroke:#0969da; stroke-width:3; }
.event-details { margin-top:8px; border:1px solid var(--line); border-radius:6px; padding:8px 12px; background:#f6f8fa; }
.event-details dl { display:grid; grid-template-columns:max-content 1fr; gap:2px 12px; margin:4px 0; }
.event-details dt { color:var(--muted); } .event-details dd { margin:0; font-family:ui-monospace, monospace; }
.event-details pre { margin:4px 0 0; white-space:pre-wrap; font-size:12px; }
.event-details .witness-note { color:var(--bad); font-weight:600; }
ol.story { margin:4px 0 8px; padding-left:22px; } ol.story li { margin:2px 0; }
.story-step .witness-link { margin-right:4px; }
.ev-label { font:10px ui-monospace, monospace; fill:#57606a; paint-order:stroke; stroke:#fff; stroke-width:3px; stroke-linejoin:round; pointer-events:none; }
.ev-label-witness { fill:var(--bad); font-weight:600; }
.ev.witness:focus { outline:none; stroke:#0969da; stroke-width:3; }
.tl-prev-witness, .tl-next-witness { border:1px solid var(--bad); color:var(--bad); background:#fff; border-radius:4px; }
details.ledger, details.target-log { margin-top:8px; } details.ledger > summary, details.target-log > summary { cursor:pointer; }
ul.failing-seeds { margin:0; padding-left:16px; } ul.failing-seeds code { font-size:12px; background:#f6f8fa; padding:1px 4px; }
section.baseline h3 { font-size:14px; margin:8px 0 2px; } section.baseline ul { margin:0; }
details.target-log pre { background:#f6f8fa; padding:6px 8px; max-height:40vh; overflow:auto; font-size:12px; }
`;
