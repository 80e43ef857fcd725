import { calibrationLine, calibrationMs } from './calibration';
import { compile } from '../app/graph/compile';
import { FORMAT, VERSION, type GraphDocument } from '../app/graph/document';
import { parseGraphDocument, serializeGraphDocument } from '../app/graph/parse';

// Three shapes of big graph, each with `n` nodes and about `n` edges: a chain, a fan-in of unconnected
// sources into one port (the old quadratic case), and a wide sum tree. Reported: the best of 5 runs.
const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const n = argument('nodes', 100_000);
const at = { x: 0, y: 0 };

function chain(): GraphDocument {
  const nodes: GraphDocument['nodes'] = [{ id: 'n0', kind: 'Scalar', position: at, params: { value: 0.5 } }];
  const edges = [];
  for (let i = 1; i < n - 1; i++) {
    nodes.push({ id: `n${i}`, kind: 'Relu', position: at, params: {} });
    edges.push({ id: `e${i}`, source: `n${i - 1}`, sourceHandle: 'out', target: `n${i}`, targetHandle: 'x' });
  }
  nodes.push({ id: 'out', kind: 'Output', position: at, params: {} });
  edges.push({ id: 'e-out', source: `n${n - 2}`, sourceHandle: 'out', target: 'out', targetHandle: 'x' });
  return { format: FORMAT, version: VERSION, name: 'chain', nodes, edges };
}

function fanIn(): GraphDocument {
  const nodes: GraphDocument['nodes'] = [{ id: 'sum', kind: 'Add', position: at, params: {} }];
  const edges = [];
  for (let i = 1; i < n; i++) {
    nodes.push({ id: `n${i}`, kind: 'Scalar', position: at, params: {} });
    edges.push({ id: `e${i}`, source: `n${i}`, sourceHandle: 'out', target: 'sum', targetHandle: 'x' });
  }
  return { format: FORMAT, version: VERSION, name: 'fan-in', nodes, edges };
}

function sumTree(): GraphDocument {
  const nodes: GraphDocument['nodes'] = [];
  const edges = [];
  const leaves = Math.floor(n / 2);
  for (let i = 0; i < leaves; i++) nodes.push({ id: `s${i}`, kind: 'Scalar', position: at, params: { value: 1 } });
  let level = nodes.map((node) => node.id);
  let k = 0;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      const id = `a${k++}`;
      nodes.push({ id, kind: 'Add', position: at, params: {} });
      edges.push({ id: `${id}x`, source: level[i], sourceHandle: 'out', target: id, targetHandle: 'x' });
      edges.push({ id: `${id}y`, source: level[i + 1], sourceHandle: 'out', target: id, targetHandle: 'y' });
      next.push(id);
    }
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  nodes.push({ id: 'out', kind: 'Output', position: at, params: {} });
  edges.push({ id: 'e-out', source: level[0], sourceHandle: 'out', target: 'out', targetHandle: 'x' });
  return { format: FORMAT, version: VERSION, name: 'tree', nodes, edges };
}

// Timings on a shared machine swing with its load. Each case is also given in "calibration units": its
// CPU time over the CPU time of the calibration loop run around it (≈80 ms on an idle core), a ratio that
// stays comparable between runs when other processes compete for the cores.
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const calibrateCpu = () => {
  const started = process.cpuUsage();
  const wall = calibrationMs();
  return { wall, cpu: cpuMs(started) };
};
const calibrations = [calibrateCpu()];
console.log(calibrationLine(calibrations[0].wall));
console.log(`validate (parse + compile), best of 5, ${n.toLocaleString('en-US')} nodes:`);
const rows: { name: string; cpu: number }[] = [];
for (const [name, make] of [['chain', chain], ['fan-in into one port', fanIn], ['sum tree', sumTree]] as const) {
  const text = serializeGraphDocument(make());
  const best = { parse: Infinity, compile: Infinity, total: Infinity, cpu: Infinity };
  let summary = '';
  for (let run = 0; run < 5; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const parsed = parseGraphDocument(text);
    const t1 = performance.now();
    if (!parsed.ok) throw new Error(parsed.error.slice(0, 300));
    const plan = compile(parsed.document);
    const t2 = performance.now();
    best.cpu = Math.min(best.cpu, cpuMs(cpu0));
    best.parse = Math.min(best.parse, t1 - t0);
    best.compile = Math.min(best.compile, t2 - t1);
    best.total = Math.min(best.total, t2 - t0);
    summary = `${parsed.document.nodes.length} nodes, ${parsed.document.edges.length} edges, ${plan.errors.length} problems`;
  }
  rows.push({ name, cpu: best.cpu });
  console.log(`  ${name.padEnd(22)} ${summary.padEnd(44)} parse ${best.parse.toFixed(0)} ms + compile ${best.compile.toFixed(0)} ms; total ${best.total.toFixed(0)} ms, CPU ${best.cpu.toFixed(0)} ms`);
  calibrations.push(calibrateCpu());
}
console.log(calibrationLine(calibrations[calibrations.length - 1].wall));
const unit = Math.min(...calibrations.map((c) => c.cpu));
console.log(`CPU time in calibration units (the calibration loop's least CPU time here, ${unit.toFixed(0)} ms, is 1 unit; ≈80 ms on an idle core):`);
for (const row of rows) {
  const units = row.cpu / unit;
  console.log(`  ${row.name.padEnd(22)} ${units.toFixed(2)} units ≈ ${(units * 80).toFixed(0)} ms on an idle core`);
}
