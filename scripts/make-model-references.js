// Generates the real-network references in test/models: seeded inputs for the
// models of ../shared/models and ONNX Runtime's outputs for them, as .npy.
//
//   node scripts/make-model-references.js [--models DIR] [--out DIR] [--only STEM]
//
// Run it through scripts/make-model-references.sh, which installs the pinned
// onnxruntime-node first. Defaults: --models $IPU_SHARED_DIR/models or
// ../shared/models next to the repo, --out test/models. Writes
// OUT/<model stem>/input_<i>.npy and output_<i>.npy and the manifest
// OUT/models.txt that test/tcl/real-networks.test reads.
//
// Inputs are realistic, not just noise, so that activations sit where real
// data puts them (a saturated sigmoid or a floor-clipped log spectrum would
// hide errors):
//   - melspectrogram: 1 s of 16-bit PCM as openWakeWord feeds it (float32
//     holding integer samples in [-32768, 32767]): a few tones with a slow
//     envelope over white noise.
//   - embedding_model: the features openWakeWord computes from such audio,
//     melspectrogram(audio) / 10 + 2, one window of 76 frames.
//   - the wake-word heads: openWakeWord's embeddings of such audio, one per
//     8 frames (windows of 76 feature frames), as many as the head takes,
//     plus noise that moves the output off saturation (leastSaturated).
//   - ppocr: an 8-bit image (dark strokes on a light background plus noise)
//     normalised as PaddleOCR's classifier does, (x / 255 - 0.5) / 0.5.
// The randomness is a mulberry32 generator with one seed per model (the
// table below); audio and pixels are rounded to integers, so a different
// libm cannot change them.
'use strict';

const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

const repo = path.resolve(__dirname, '..');

// One seed per model; changing one changes only that model's files.
const MODELS = [
  {file: 'melspectrogram.onnx', seed: 1001, make: melInputs,
   // 1 s at 16 kHz (97 frames) rather than openWakeWord's 80 ms chunks of
   // 1280 samples (5 frames): it costs the interpreter a few ms and covers
   // the STFT conv with a realistic length.
   shapes: {input: [1, 16000]}},
  {file: 'embedding_model.onnx', seed: 1002, make: embeddingInputs,
   shapes: {input_1: [1, 76, 32, 1]}},
  {file: 'alexa_v0.1.onnx', seed: 1003, make: headInputs},
  {file: 'hey_mycroft_v0.1.onnx', seed: 1004, make: headInputs},
  {file: 'timer_v0.1.onnx', seed: 1005, make: headInputs},
  {file: 'weather_v0.1.onnx', seed: 1006, make: headInputs},
  {file: 'ch_ppocr_mobile_v2.0_cls_infer.onnx', seed: 1007, make: ocrInputs,
   shapes: {x: [1, 3, 48, 192]}},
];

const SESSION_OPTIONS = {
  intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential',
};

// ---- Deterministic randomness ---------------------------------------------

// mulberry32: a 32-bit state, integer arithmetic only, so every platform
// draws the same sequence. Returns a function giving doubles in [0, 1).
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uniform(rand, lo, hi) { return lo + (hi - lo) * rand(); }

// ---- Inputs ---------------------------------------------------------------

// 16-bit PCM (as float32) of `samples` samples at 16 kHz: three tones with
// random pitch, level and phase under a slow envelope, over white noise.
function audio(rand, samples) {
  const tones = [];
  for (let k = 0; k < 3; ++k)
    tones.push({freq: uniform(rand, 150, 3500), amp: uniform(rand, 800, 5000),
                phase: uniform(rand, 0, 2 * Math.PI),
                rate: uniform(rand, 0.5, 3)});
  const out = new Float32Array(samples);
  for (let i = 0; i < samples; ++i) {
    const t = i / 16000;
    let v = uniform(rand, -400, 400);
    for (const tone of tones)
      v += tone.amp * (0.6 + 0.4 * Math.sin(2 * Math.PI * tone.rate * t)) *
           Math.sin(2 * Math.PI * tone.freq * t + tone.phase);
    out[i] = Math.max(-32768, Math.min(32767, Math.round(v)));
  }
  return out;
}

async function runModel(session, feeds) {
  const result = await session.run(feeds);
  return session.outputNames.map((name) => result[name]);
}

// openWakeWord's features: melspectrogram(audio) / 10 + 2, [frames, 32].
async function features(ctx, pcm) {
  const mel = await ctx.session('melspectrogram.onnx');
  const [spec] = await runModel(mel, {
    [mel.inputNames[0]]: new ort.Tensor('float32', pcm, [1, pcm.length])});
  const data = Float32Array.from(spec.data, (x) => x / 10 + 2);
  return {data, frames: spec.dims[2]};
}

// Audio long enough for `windows` embedding windows of 76 frames, 8 apart
// (the melspectrogram gives 1 + (samples - 512) / 160 frames).
function audioForWindows(rand, windows) {
  const frames = 76 + 8 * (windows - 1);
  return audio(rand, 512 + 160 * (frames - 1));
}

async function melInputs(ctx, rand, shapes) {
  return [audio(rand, shapes.input[1])];
}

async function embeddingInputs(ctx, rand) {
  const f = await features(ctx, audioForWindows(rand, 1));
  return [f.data.slice(0, 76 * 32)];
}

async function headInputs(ctx, rand, shapes, session) {
  const [, windows, width] = ctx.inputDims(session, 0);
  const f = await features(ctx, audioForWindows(rand, windows));
  const batch = new Float32Array(windows * 76 * 32);
  for (let w = 0; w < windows; ++w)
    batch.set(f.data.subarray(w * 8 * 32, (w * 8 + 76) * 32), w * 76 * 32);
  const emb = await ctx.session('embedding_model.onnx');
  const [out] = await runModel(emb, {
    [emb.inputNames[0]]: new ort.Tensor('float32', batch, [windows, 76, 32, 1])});
  if (out.data.length !== windows * width)
    throw new Error(`embedding output ${out.dims} does not fit [${windows}, ${width}]`);
  return [await leastSaturated(session, Float32Array.from(out.data), [1, windows, width], rand)];
}

// A head fed the embeddings of noise says "no" with certainty: a sigmoid
// output of 1e-6 or a softmax of (1, 0, ...). Compared with atol 1e-5, such
// an output would pass whatever the interpreter computes. So the input is
// the embeddings plus seeded Gaussian noise of growing size: the first of
// 400 candidates whose smallest output margin (min(p, 1 - p) over the
// outputs) exceeds 0.1, else the candidate with the largest margin.
async function leastSaturated(session, embeddings, dims, rand) {
  const margin = (t) => Math.min(...Array.from(t.data, (p) => Math.min(p, 1 - p)));
  const nonZero = (t) => Array.from(t.data).filter((p) => p > 1e-3).length;
  let best = null, bestScore = -1;
  for (let k = 0; k < 400 && bestScore <= 0.1; ++k) {
    const x = new Float32Array(embeddings.length);
    for (let i = 0; i < x.length; ++i) {
      const gauss = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      x[i] = embeddings[i] + 0.15 * k * gauss;
    }
    const [out] = await runModel(session, {
      [session.inputNames[0]]: new ort.Tensor('float32', x, dims)});
    // A softmax head: the margin of its largest class, and more than one
    // class clearly above zero.
    const score = out.data.length > 1 ? (nonZero(out) > 1 ? 1 - Math.max(...out.data) : 0)
                                      : margin(out);
    if (score > bestScore) {
      best = x;
      bestScore = score;
    }
  }
  return best;
}

// An image of dark horizontal strokes ("text") on a light background, with
// noise; then PaddleOCR's normalisation to [-1, 1].
async function ocrInputs(ctx, rand, shapes) {
  const [, channels, height, width] = shapes.x;
  const ink = new Uint8Array(height * width);
  for (let s = 0; s < 40; ++s) {
    const x0 = Math.floor(uniform(rand, 0, width - 12));
    const y0 = Math.floor(uniform(rand, 10, height - 14));
    const w = Math.floor(uniform(rand, 2, 12)), h = Math.floor(uniform(rand, 2, 14));
    for (let y = y0; y < y0 + h; ++y)
      for (let x = x0; x < x0 + w; ++x) ink[y * width + x] = 1;
  }
  const out = new Float32Array(channels * height * width);
  for (let c = 0; c < channels; ++c)
    for (let i = 0; i < height * width; ++i) {
      const base = ink[i] ? 40 : 215;
      const pixel = Math.max(0, Math.min(255, Math.round(base + uniform(rand, -30, 30))));
      out[c * height * width + i] = (pixel / 255 - 0.5) / 0.5;
    }
  return [out];
}

// ---- .npy -----------------------------------------------------------------

// NumPy format 1.0, little-endian float32, header padded to 64 bytes.
function npyBytes(data, dims) {
  const shape = dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const buf = Buffer.alloc(total + data.length * 4);
  buf.write('\x93NUMPY', 0, 'latin1');
  buf[6] = 1;
  buf[7] = 0;
  buf.writeUInt16LE(header.length, 8);
  buf.write(header, 10, 'latin1');
  for (let i = 0; i < data.length; ++i) buf.writeFloatLE(data[i], total + 4 * i);
  return buf;
}

// ---- Driver ---------------------------------------------------------------

function parseArgs(argv) {
  const shared = process.env.IPU_SHARED_DIR || path.join(repo, '..', 'shared');
  const o = {models: path.join(shared, 'models'), out: path.join(repo, 'test', 'models'),
             only: null};
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i], v = argv[i + 1];
    if ((a === '--models' || a === '--out' || a === '--only') && v !== undefined) {
      o[a.slice(2)] = v;
      ++i;
    } else {
      throw Object.assign(new Error(`unknown or incomplete argument '${a}' (usage: ` +
                                    'make-model-references.js [--models DIR] [--out DIR] ' +
                                    '[--only STEM])'), {usage: true});
    }
  }
  return o;
}

// Names go into the manifest as NAME=FILE items separated by commas and
// whitespace; an ONNX name that cannot is referred to by position.
function manifestName(name, index) {
  return /^[^\s,=]+$/.test(name) ? name : String(index);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const sessions = new Map();
  const ctx = {
    async session(file) {
      if (!sessions.has(file))
        sessions.set(file, await ort.InferenceSession.create(path.join(o.models, file),
                                                             SESSION_OPTIONS));
      return sessions.get(file);
    },
    // The static dims of input `i` (a dynamic one is an error: give shapes).
    inputDims(session, i) {
      const dims = session.inputMetadata[i].shape;
      if (!dims.every((d) => typeof d === 'number'))
        throw new Error(`input ${session.inputNames[i]} has dynamic dims ${dims}`);
      return dims;
    },
  };
  const manifestPath = path.join(o.out, 'models.txt');
  const lines = new Map();
  if (o.only && fs.existsSync(manifestPath))
    for (const line of fs.readFileSync(manifestPath, 'utf8').split('\n'))
      if (line && !line.startsWith('#')) lines.set(line.split(/\s+/)[0], line);
  for (const m of MODELS) {
    const stem = m.file.replace(/\.onnx$/, '');
    if (o.only && o.only !== stem) continue;
    if (!fs.existsSync(path.join(o.models, m.file))) {
      console.error(`make-model-references: ${m.file} is not in ${o.models}: skipped`);
      continue;
    }
    const session = await ctx.session(m.file);
    const shapes = m.shapes || {};
    const dims = session.inputNames.map((name, i) => shapes[name] || ctx.inputDims(session, i));
    const data = await m.make(ctx, mulberry32(m.seed), shapes, session);
    const feeds = {};
    session.inputNames.forEach((name, i) => {
      feeds[name] = new ort.Tensor('float32', data[i], dims[i]);
    });
    const outputs = await runModel(session, feeds);
    const dir = path.join(o.out, stem);
    fs.mkdirSync(dir, {recursive: true});
    const inputs = [], expects = [];
    session.inputNames.forEach((name, i) => {
      fs.writeFileSync(path.join(dir, `input_${i}.npy`), npyBytes(data[i], dims[i]));
      inputs.push(`${manifestName(name, i)}=input_${i}.npy`);
    });
    outputs.forEach((t, i) => {
      if (t.type !== 'float32') throw new Error(`${m.file}: output ${i} is ${t.type}`);
      fs.writeFileSync(path.join(dir, `output_${i}.npy`), npyBytes(t.data, t.dims));
      expects.push(`${i}=output_${i}.npy`);
    });
    const shapeArgs = Object.entries(shapes).map(([n, d]) => `${n}=${d.join('x')}`);
    lines.set(m.file, [m.file, stem, shapeArgs.join(',') || '-', inputs.join(','),
                       expects.join(',')].join(' '));
    console.error(`make-model-references: ${m.file}: seed ${m.seed}, inputs ` +
                  `${dims.map((d) => d.join('x')).join(', ')} -> outputs ` +
                  `${outputs.map((t) => t.dims.join('x')).join(', ')}`);
  }
  const version = require('onnxruntime-node/package.json').version;
  const header = [
    '# Real-network references (issue 3, item 7), written by',
    '# scripts/make-model-references.js: seeded inputs and the outputs of',
    `# ONNX Runtime ${version} (onnxruntime-node, one thread). One model a line:`,
    '#   MODEL DIR SHAPES INPUTS OUTPUTS',
    '# MODEL is a file of ../shared/models; DIR holds its .npy files; SHAPES are',
    '# ipu-translate --input-shape values (- for none); INPUTS and OUTPUTS are',
    '# NAME=FILE items for ipu-run --input / --expect. Lists are comma-separated.',
  ];
  const order = MODELS.map((m) => m.file).filter((f) => lines.has(f));
  fs.mkdirSync(o.out, {recursive: true});
  fs.writeFileSync(manifestPath, header.concat(order.map((f) => lines.get(f))).join('\n') + '\n');
}

// scripts/make-quant-inputs.js reuses the generators.
module.exports = {MODELS, SESSION_OPTIONS, mulberry32, npyBytes, runModel};

if (require.main === module) {
  main().catch((e) => {
    console.error(`make-model-references: ${e.usage ? e.message : e.stack || e}`);
    process.exit(1);
  });
}
