// Times one model under ONNX Runtime (onnxruntime-node, one thread) for
// bench/interp-vs-ort.sh: session created once, 3 warm-up runs, then N timed.
//
//   node bench/ort-time.js MODEL.onnx N NAME=FILE.npy...
//
// Inputs are float32 .npy files (test/models). Prints one line to stdout:
// "median MS min MS runs N" (milliseconds per run, session.run only).
'use strict';

const fs = require('fs');
const ort = require('onnxruntime-node');

// A little-endian float32 C-order .npy (what make-model-references writes).
function readNpy(path) {
  const buf = fs.readFileSync(path);
  if (buf.toString('latin1', 0, 6) !== '\x93NUMPY') throw new Error(`${path}: not a .npy file`);
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLen;
  const header = buf.toString('latin1', major === 1 ? 10 : 12, start);
  if (!/'descr': '<f4'/.test(header) || /'fortran_order': True/.test(header))
    throw new Error(`${path}: expected little-endian float32 in C order`);
  const shape = header.match(/'shape': \(([^)]*)\)/)[1].split(',')
      .map((s) => s.trim()).filter((s) => s).map(Number);
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length));
  return new ort.Tensor('float32', data, shape);
}

async function main() {
  const [model, count, ...inputs] = process.argv.slice(2);
  const runs = Number(count);
  if (!model || !Number.isInteger(runs) || runs < 1)
    throw new Error('usage: ort-time.js MODEL.onnx N NAME=FILE.npy...');
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential'});
  const feeds = {};
  inputs.forEach((arg, i) => {
    const eq = arg.indexOf('=');
    const name = arg.slice(0, eq);
    // A position stands for the graph input of that index, as for ipu-run.
    feeds[/^\d+$/.test(name) ? session.inputNames[Number(name)] : name] = readNpy(arg.slice(eq + 1));
  });
  for (let i = 0; i < 3; ++i) await session.run(feeds);
  const ms = [];
  for (let i = 0; i < runs; ++i) {
    const start = process.hrtime.bigint();
    await session.run(feeds);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const median = runs % 2 ? ms[(runs - 1) / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
  console.log(`median ${median.toFixed(3)} min ${ms[0].toFixed(3)} runs ${runs}`);
}

main().catch((e) => {
  console.error(`ort-time: ${e.message || e}`);
  process.exit(1);
});
