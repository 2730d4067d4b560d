// Finds faces in photos with @vladmandic/face-api's SsdMobilenetv1 detector and FaceLandmark68Net, run on the
// pure-JavaScript TensorFlow.js CPU backend, and reports five alignment points per face. The photos come already
// decoded (FaceKdGrid decodes JPEG/PNG with SkiaSharp), so no image library is needed here.
//
// usage: node tools/detect-faces.mjs MANIFEST.json FACES.json [--min-score S] [--model-dir DIR] [--workers N]
//   MANIFEST.json  {"images": [{"file": "0.f32", "width": W, "height": H}, ...]}; each file is raw little-endian
//                  float32, H x W x 3 (height, width, RGB), values 0..255; relative paths are relative to the manifest
//   FACES.json     written as {"minScore": S, "images": [{"file", "width", "height", "faces": [{"box": [x, y, w, h],
//                  "score", "points": [[x, y] x 5]}]}]}; points in photo pixels, in the order left eye centre,
//                  right eye centre, nose tip, left mouth corner, right mouth corner ("left" = the photo's left)
//   --min-score S  the detector's minimum confidence, in (0, 1) (default: the package's, 0.5)
//   --model-dir    folder with face-api's ssd_mobilenetv1 and face_landmark_68 model files (default: the package's model/)
//   --workers N    photos detected at once, each in its own thread (default: one per CPU, at most one per photo)
import { readFile, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const usage = 'usage: node tools/detect-faces.mjs MANIFEST.json FACES.json [--min-score S] [--model-dir DIR] [--workers N]';

// iBUG 68-point indices: the eyes' six contour points each, the nose tip and the outer mouth corners.
const leftEye = [36, 37, 38, 39, 40, 41];
const rightEye = [42, 43, 44, 45, 46, 47];
const noseTip = 30;
const mouthLeftCorner = 48;
const mouthRightCorner = 54;

// face-api's Node build loads TensorFlow.js as '@tensorflow/tfjs-node' (native bindings). The pure-JS
// '@tensorflow/tfjs' exports the same API, so that one name is resolved to it and no native binary is needed.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveToPureJs(request, ...rest) {
  return resolveFilename.call(this, request === '@tensorflow/tfjs-node' ? '@tensorflow/tfjs' : request, ...rest);
};

const require = createRequire(import.meta.url);

function fail(message) {
  console.error(message);
  process.exit(2);
}

function parseCommandLine() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { 'min-score': { type: 'string' }, 'model-dir': { type: 'string' }, workers: { type: 'string' } },
    });
  } catch (error) {
    fail(`${error.message}\n${usage}`);
  }
  const [manifestPath, facesPath, ...extra] = parsed.positionals;
  if (!manifestPath || !facesPath || extra.length > 0) {
    fail(usage);
  }
  const { 'min-score': minScoreText, 'model-dir': modelArgument, workers: workersText } = parsed.values;
  const minScore = minScoreText === undefined ? undefined : Number(minScoreText);
  if (minScore !== undefined && !(minScore > 0 && minScore < 1)) {
    fail(`--min-score must be a number between 0 and 1, exclusive; got '${minScoreText}'`);
  }
  const workers = workersText === undefined ? os.availableParallelism() : Number(workersText);
  if (!Number.isInteger(workers) || workers < 1) {
    fail(`--workers must be a whole number of at least 1; got '${workersText}'`);
  }
  const modelDirectory = modelArgument
    ?? path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  return { manifestPath, facesPath, minScore, workers, modelDirectory };
}

async function readManifest(manifestPath) {
  let manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    fail(`${manifestPath}: cannot read the manifest: ${error.message}`);
  }
  if (!Array.isArray(manifest?.images)) {
    fail(`${manifestPath}: expected {"images": [{"file", "width", "height"}, ...]}`);
  }
  manifest.images.forEach(({ file, width, height }, index) => {
    if (typeof file !== 'string' || !Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      fail(`${manifestPath}: image ${index} needs a file name and positive whole width and height`);
    }
  });
  return manifest.images;
}

// Main thread: hands the photos out one at a time to the workers and writes what they found, in manifest order.
async function main() {
  const { manifestPath, facesPath, minScore, workers, modelDirectory } = parseCommandLine();
  const images = await readManifest(manifestPath);
  const manifestFolder = path.dirname(path.resolve(manifestPath));
  const results = new Array(images.length);
  let next = 0;
  let appliedMinScore;
  const runWorker = () => new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { manifestFolder, minScore, modelDirectory } });
    const handOut = () => {
      if (next < images.length) {
        worker.postMessage({ index: next, image: images[next] });
        next += 1;
      } else {
        worker.terminate().then(resolve, reject);
      }
    };
    worker.on('message', (message) => {
      if (message.error) {
        reject(new Error(message.error));
        return;
      }
      if (message.index === undefined) {
        appliedMinScore = message.minScore;
      } else {
        results[message.index] = message.faces;
      }
      handOut();
    });
    worker.on('error', reject);
  });
  try {
    await Promise.all(Array.from({ length: Math.min(workers, Math.max(images.length, 1)) }, runWorker));
  } catch (error) {
    fail(error.message);
  }
  const output = images.map((image, index) => ({ file: image.file, width: image.width, height: image.height, faces: results[index] ?? [] }));
  const faceCount = output.reduce((sum, image) => sum + image.faces.length, 0);
  await writeFile(facesPath, JSON.stringify({ minScore: appliedMinScore, images: output }));
  console.error(`${faceCount} faces in ${images.length} images written to ${facesPath}`);
}

const mean = (points) => [
  points.reduce((sum, point) => sum + point.x, 0) / points.length,
  points.reduce((sum, point) => sum + point.y, 0) / points.length,
];

async function detect(faceapi, tf, options, manifestFolder, { file, width, height }) {
  const bytes = await readFile(path.resolve(manifestFolder, file));
  if (bytes.length !== width * height * 3 * 4) {
    throw new Error(`${file}: ${bytes.length} bytes is not one ${width}x${height}x3 float32 image`);
  }
  // Copy into a fresh, aligned buffer: a Buffer may be a view at any offset into a shared pool.
  const pixels = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const photo = tf.tensor4d(pixels, [1, height, width, 3], 'float32');
  try {
    const detections = await faceapi.detectAllFaces(photo, options).withFaceLandmarks();
    return detections.map(({ detection, landmarks }) => {
      const at = landmarks.positions;
      const { box } = detection;
      return {
        box: [box.x, box.y, box.width, box.height],
        score: detection.score,
        points: [
          mean(leftEye.map((i) => at[i])),
          mean(rightEye.map((i) => at[i])),
          [at[noseTip].x, at[noseTip].y],
          [at[mouthLeftCorner].x, at[mouthLeftCorner].y],
          [at[mouthRightCorner].x, at[mouthRightCorner].y],
        ],
      };
    });
  } finally {
    photo.dispose();
  }
}

// Worker thread: loads the two networks once, says so (with the minimum score it applies), then detects the photos
// it is handed, one message each.
async function work() {
  const { manifestFolder, minScore, modelDirectory } = workerData;
  try {
    const tf = require('@tensorflow/tfjs');
    const faceapi = require('@vladmandic/face-api/dist/face-api.node.js');
    await tf.setBackend('cpu');
    await tf.ready();
    await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDirectory);
    await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDirectory);
    const options = new faceapi.SsdMobilenetv1Options({ minConfidence: minScore });
    parentPort.on('message', ({ index, image }) => {
      detect(faceapi, tf, options, manifestFolder, image).then(
        (faces) => parentPort.postMessage({ index, faces }),
        (error) => parentPort.postMessage({ error: error.message }));
    });
    parentPort.postMessage({ minScore: options.minConfidence });
  } catch (error) {
    parentPort.postMessage({ error: `${modelDirectory}: ${error.message}` });
  }
}

if (isMainThread) {
  await main();
} else {
  await work();
}
