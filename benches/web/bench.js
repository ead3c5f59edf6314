// The browser half of `cargo xtask bench`: times the loss core (wasm, through wasm-bindgen) and
// TensorFlow.js (WASM backend, then once on its CPU backend) on the same seeded inputs, checks that the
// two agree to f32 precision, and POSTs the results to the xtask's server at /result (tab-separated lines).
import init, { Bench } from './loss_lab_bench_web.js';

const params = new URLSearchParams(location.search);
const SAMPLES = Number(params.get('samples') || 30);
const WARMUP_MS = Number(params.get('warmup_ms') || 400);
/// A sample shorter than this repeats the call and divides (performance.now() is coarse here).
const MIN_SAMPLE_MS = 4;

const log = (line) => { document.getElementById('log').textContent += '\n' + line; console.log(line); };

/// Warm-up (Chromium first runs new wasm on its baseline compiler), then SAMPLES timed samples:
/// median and p95 in ms per call.
function measure(call) {
  const warmEnd = performance.now() + WARMUP_MS;
  let warm = 0;
  do { call(); warm++; } while (performance.now() < warmEnd || warm < 3);
  let start = performance.now();
  call();
  const once = performance.now() - start;
  const repeat = Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(once, 0.01)));
  const times = [];
  for (let s = 0; s < SAMPLES; s++) {
    start = performance.now();
    for (let r = 0; r < repeat; r++) call();
    times.push((performance.now() - start) / repeat);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { median: at(0.5), p95: at(0.95), samples: SAMPLES, calls_per_sample: repeat, warmup_calls: warm };
}

const f32 = (a) => Float32Array.from(a);

/// TensorFlow.js's version of a workload: `prepare` makes its tensors once, `call` is timed and
/// returns [value tensor, output tensor]; everything a call makes is freed by tf.tidy.
function tfjsWorkload(name, bench) {
  const x = bench.x(), t = bench.t(), labels = bench.labels(), width = bench.width();
  switch (name) {
    case 'huber':
    case 'mse': {
      const xs = tf.tensor1d(f32(x)), ts = tf.tensor1d(f32(t));
      const loss = name === 'mse' ? (p) => tf.losses.meanSquaredError(ts, p) : (p) => tf.losses.huberLoss(ts, p, undefined, 1.0);
      const vg = tf.valueAndGrad(loss);
      return { call: () => { const { value, grad } = vg(xs); return [value, grad]; }, inputs: [xs, ts] };
    }
    case 'memory': {
      const xs = tf.tensor1d(f32(x)), ts = tf.tensor1d(f32(t));
      return { call: () => { const d = tf.sub(xs, ts); return [tf.sum(d), d]; }, inputs: [xs, ts] };
    }
    case 'cross_entropy': {
      const rows = labels.length;
      const xs = tf.tensor2d(f32(x), [rows, width]);
      const onehot = tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), width).toFloat();
      const vg = tf.valueAndGrad((l) => tf.losses.softmaxCrossEntropy(onehot, l, undefined, 0.1));
      return { call: () => { const { value, grad } = vg(xs); return [value, grad]; }, inputs: [xs, onehot] };
    }
    case 'batch_all_2d':
    case 'batch_all_128d': {
      const n = labels.length;
      const xs = tf.tensor2d(f32(x), [n, width]);
      const lab = tf.tensor1d(Int32Array.from(labels), 'int32');
      const same = tf.equal(lab.expandDims(1), lab.expandDims(0)).toFloat();
      const notSelf = tf.sub(1, tf.eye(n));
      const validAP = tf.mul(same, notSelf);
      const validAN = tf.sub(1, same);
      const mask = tf.mul(validAP.expandDims(2), validAN.expandDims(1));
      const loss = (e) => {
        const u = tf.div(e, tf.norm(e, 'euclidean', 1, true));
        const sq = tf.sum(tf.square(u), 1, true);
        const d2 = tf.relu(tf.sub(tf.add(sq, tf.transpose(sq)), tf.mul(2, tf.matMul(u, u, false, true))));
        const d = tf.sqrt(tf.add(d2, 1e-12));
        const l = tf.mul(tf.relu(tf.add(tf.sub(d.expandDims(2), d.expandDims(1)), 0.2)), mask);
        // The count of positive terms (tf.step's gradient is zero, as for a count).
        const positive = tf.sum(tf.step(l, 0));
        return tf.div(tf.sum(l), tf.maximum(positive, 1));
      };
      const vg = tf.valueAndGrad(loss);
      return { call: () => { const { value, grad } = vg(xs); return [value, grad]; }, inputs: [xs, lab, same, notSelf, validAP, validAN, mask] };
    }
    case 'circle_grid': {
      const side = 400, gamma = 256, m = 0.25;
      const s = tf.linspace(-1, 1, side);
      return {
        call: () => {
          const ln = tf.mul(tf.mul(gamma, tf.relu(tf.add(s, m))), tf.sub(s, m));
          const lp = tf.mul(tf.mul(-gamma, tf.relu(tf.sub(1 + m, s))), tf.sub(s, 1 - m));
          const grid = tf.softplus(tf.add(lp.expandDims(1), ln.expandDims(0)));
          return [grid.slice([0, 0], [1, 1]).reshape([]), grid];
        },
        inputs: [s],
      };
    }
  }
  throw new Error('no TensorFlow.js workload ' + name);
}

/// max |ours − theirs| over max(1, max |ours|): the disagreement relative to the output's scale.
function disagreement(ours, theirs) {
  let diff = 0, scale = 1;
  for (let i = 0; i < ours.length; i++) {
    diff = Math.max(diff, Math.abs(ours[i] - theirs[i]));
    scale = Math.max(scale, Math.abs(ours[i]));
  }
  return ours.length === theirs.length ? diff / scale : Infinity;
}

function runTfjs(name, bench, timed) {
  const w = tfjsWorkload(name, bench);
  const step = () => tf.tidy(() => { const [value] = w.call(); return value.dataSync()[0]; });
  const timing = timed ? measure(step) : (() => { const s = performance.now(); step(); return { once: performance.now() - s }; })();
  const [valueT, outT] = w.call();
  const result = { timing, value: valueT.dataSync()[0], out: outT.dataSync() };
  tf.dispose([valueT, outT, ...w.inputs]);
  return result;
}

async function main() {
  await init();
  tf.wasm.setWasmPaths('./tfjs/');
  await tf.setBackend('wasm');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const only = params.get('only');
  const report = { workloads: [] };
  const meta = [['browser', navigator.userAgent], ['tfjs', tf.version.tfjs], ['tfjs_wasm_simd', simd], ['tfjs_wasm_threads', threads]];
  log(`TensorFlow.js ${tf.version.tfjs}, wasm backend: SIMD ${simd}, threads ${threads}`);
  for (const name of Bench.names()) {
    if (only && !only.split(',').includes(name)) continue;
    const bench = new Bench(name);
    const ours = measure(() => bench.run());
    const ourValue = bench.run();
    const ourOut = bench.out();
    const theirs = runTfjs(name, bench, true);
    const row = {
      name,
      ours,
      tfjs_wasm: theirs.timing,
      value: ourValue,
      tfjs_value: theirs.value,
      value_disagreement: Math.abs(ourValue - theirs.value) / Math.max(1, Math.abs(ourValue)),
      output_disagreement: disagreement(ourOut, theirs.out),
    };
    report.workloads.push(row);
    log(`${name}: ours ${ours.median.toFixed(2)} ms, tfjs-wasm ${theirs.timing.median.toFixed(2)} ms, disagreement ${row.value_disagreement.toExponential(1)} / ${row.output_disagreement.toExponential(1)}`);
    bench.free();
  }
  // TensorFlow.js's CPU backend (plain JS), once per workload.
  await tf.setBackend('cpu');
  for (const row of report.workloads) {
    const bench = new Bench(row.name);
    row.tfjs_cpu_once = runTfjs(row.name, bench, false).timing.once;
    log(`${row.name}: tfjs-cpu once ${row.tfjs_cpu_once.toFixed(1)} ms`);
    bench.free();
  }
  // One line per fact, tab-separated, so the std-only xtask reads it without a JSON parser.
  const lines = meta.map(([k, v]) => `meta\t${k}\t${v}`);
  for (const r of report.workloads) {
    lines.push(['row', r.name, r.ours.median, r.ours.p95, r.tfjs_wasm.median, r.tfjs_wasm.p95, r.tfjs_cpu_once,
      r.value_disagreement, r.output_disagreement, r.ours.calls_per_sample, r.tfjs_wasm.calls_per_sample, r.value, r.tfjs_value].join('\t'));
  }
  await fetch('/result', { method: 'POST', body: lines.join('\n') + '\n' });
  log('done');
}

main().catch(async (e) => {
  log('failed: ' + e);
  await fetch('/result', { method: 'POST', body: 'error\t' + String(e && e.stack || e).replace(/\s+/g, ' ') + '\n' });
});
