// Generates the quantization inputs of test/models: per model, seeded
// calibration samples and separate evaluation samples, made exactly as
// make-model-references.js makes its inputs (realistic audio, features,
// embeddings and images) but from another seed (the model's seed +
// 500000), so that none of them is the reference input.
//
//   NODE_PATH=$(bash scripts/setup-ort.sh) node scripts/make-quant-inputs.js
//       [--models DIR] [--out DIR]
//
// Writes OUT/<model stem>/quant/calib/sample_K/input_I.npy and
// OUT/<model stem>/quant/eval/sample_K/input_I.npy (I: argument index),
// the layout the quantize pass's calibration= option reads. Small models
// get 6 calibration and 3 evaluation samples; the two with large inputs
// (melspectrogram, ppocr) 4 and 2, to keep the files small.
'use strict';

const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');
const ref = require('./make-model-references.js');

const repo = path.resolve(__dirname, '..');
const LARGE = new Set(['melspectrogram.onnx', 'ch_ppocr_mobile_v2.0_cls_infer.onnx']);

function parseArgs(argv) {
  const shared = process.env.IPU_SHARED_DIR || path.join(repo, '..', 'shared');
  const o = {models: path.join(shared, 'models'), out: path.join(repo, 'test', 'models')};
  for (let i = 0; i < argv.length; i += 2) {
    if ((argv[i] !== '--models' && argv[i] !== '--out') || argv[i + 1] === undefined)
      throw new Error(`unknown or incomplete argument '${argv[i]}'`);
    o[argv[i].slice(2)] = argv[i + 1];
  }
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const sessions = new Map();
  const ctx = {
    async session(file) {
      if (!sessions.has(file))
        sessions.set(file, await ort.InferenceSession.create(path.join(o.models, file),
                                                             ref.SESSION_OPTIONS));
      return sessions.get(file);
    },
    inputDims(session, i) {
      return session.inputMetadata[i].shape;
    },
  };
  for (const m of ref.MODELS) {
    if (!fs.existsSync(path.join(o.models, m.file))) continue;
    const stem = m.file.replace(/\.onnx$/, '');
    const session = await ctx.session(m.file);
    const shapes = m.shapes || {};
    const dims = session.inputNames.map((name, i) => shapes[name] || ctx.inputDims(session, i));
    const rand = ref.mulberry32(m.seed + 500000);
    const counts = LARGE.has(m.file) ? {calib: 4, eval: 2} : {calib: 6, eval: 12};
    for (const kind of ['calib', 'eval']) {
      for (let k = 0; k < counts[kind]; ++k) {
        const data = await m.make(ctx, rand, shapes, session);
        const dir = path.join(o.out, stem, 'quant', kind, `sample_${k}`);
        fs.mkdirSync(dir, {recursive: true});
        data.forEach((d, i) =>
          fs.writeFileSync(path.join(dir, `input_${i}.npy`), ref.npyBytes(d, dims[i])));
      }
    }
    console.error(`make-quant-inputs: ${m.file}: ${counts.calib} calibration, ` +
                  `${counts.eval} evaluation samples`);
  }
}

main().catch((e) => {
  console.error(`make-quant-inputs: ${e.stack || e}`);
  process.exit(1);
});
