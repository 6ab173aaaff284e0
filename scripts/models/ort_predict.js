// Optional cross-check with onnxruntime (npm onnxruntime-node), see crosscheck_onnxruntime.sh.
// usage: node ort_predict.js model.onnx images.gz labels.gz [limit]
// Feeds float32(raw*(1/255)) as NHWC [b,28,28,1]; prints {"accuracy", "num_images", "preds"} as JSON.
const ort = require('onnxruntime-node');
const fs = require('fs'), zlib = require('zlib');
async function main() {
  const [model, imgf, labf, lim] = process.argv.slice(2);
  const imgs = zlib.gunzipSync(fs.readFileSync(imgf)), labs = zlib.gunzipSync(fs.readFileSync(labf));
  let n = imgs.readUInt32BE(4); if (lim) n = Math.min(n, +lim);
  const sess = await ort.InferenceSession.create(model, {intraOpNumThreads: 1, graphOptimizationLevel: 'disabled'});
  const B = 500; let correct = 0; const preds = [];
  for (let s = 0; s < n; s += B) {
    const b = Math.min(B, n - s); const data = new Float32Array(b * 784);
    for (let i = 0; i < b * 784; i++) data[i] = imgs[16 + s * 784 + i] * (1 / 255);
    const out = await sess.run({[sess.inputNames[0]]: new ort.Tensor('float32', data, [b, 28, 28, 1])});
    const y = out[sess.outputNames[0]].data;
    for (let i = 0; i < b; i++) {
      let best = 0; for (let k = 1; k < 10; k++) if (y[i * 10 + k] > y[i * 10 + best]) best = k;
      preds.push(best); if (best === labs[8 + s + i]) correct++;
    }
  }
  console.log(JSON.stringify({accuracy: correct / n, num_images: n, preds}));
}
main().catch(e => { console.error(e); process.exit(1); });
