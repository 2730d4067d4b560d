// Finds faces in photos with @vladmandic/face-api's SsdMobilenetv1 detector and FaceLandmark68Net, run on the
// pure-JavaScript TensorFlow.js CPU backend, and reports five alignment points per face. The photos come already
// decoded (FaceKdGrid decodes JPEG/PNG with SkiaSharp), so no image library is needed here.
//
// usage: node tools/detect-faces.mjs MANIFEST.json FACES.json [--min-score S] [--model-dir DIR]
//   MANIFEST.json  {"images": [{"file": "0.f32", "width": W, "height": H}, ...]}; each file is raw little-endian
//                  float32, H x W x 3 (height, width, RGB), values 0..255; relative paths are relative to the manifest
//   FACES.json     written as {"minScore": S, "images": [{"file", "width", "height", "faces": [{"box": [x, y, w, h],
//                  "score", "points": [[x, y] x 5]}]}]}; points in photo pixels, in the order left eye centre,
//                  right eye centre, nose tip, left mouth corner, right mouth corner ("left" = the photo's left)
//   --min-score S  the detector's minimum confidence, in (0, 1) (default: the package's, 0.5)
//   --model-dir    folder with face-api's ssd_mobilenetv1 and face_landmark_68 model files (default: the package's model/)
import { readFile, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const usage = 'usage: node tools/detect-faces.mjs MANIFEST.json FACES.json [--min-score S] [--model-dir DIR]';

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
const tf = require('@tensorflow/tfjs');
const faceapi = require('@vladmandic/face-api/dist/face-api.node.js');

function fail(message) {
  console.error(message);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { 'min-score': { type: 'string' }, 'model-dir': { type: 'string' } },
  });
} catch (error) {
  fail(`${error.message}\n${usage}`);
}
const [manifestPath, facesPath, ...extra] = parsed.positionals;
if (!manifestPath || !facesPath || extra.length > 0) {
  fail(usage);
}
const minScoreText = parsed.values['min-score'];
const minScore = minScoreText === undefined ? undefined : Number(minScoreText);
if (minScore !== undefined && !(minScore > 0 && minScore < 1)) {
  fail(`--min-score must be a number between 0 and 1, exclusive; got '${minScoreText}'`);
}
const modelDirectory = parsed.values['model-dir']
  ?? path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');

let manifest;
try {
  manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
} catch (error) {
  fail(`${manifestPath}: cannot read the manifest: ${error.message}`);
}
if (!Array.isArray(manifest?.images)) {
  fail(`${manifestPath}: expected {"images": [{"file", "width", "height"}, ...]}`);
}
const manifestFolder = path.dirname(manifestPath);

await tf.setBackend('cpu');
await tf.ready();
await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDirectory);
await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDirectory);
const options = new faceapi.SsdMobilenetv1Options({ minConfidence: minScore });

const mean = (points) => [
  points.reduce((sum, point) => sum + point.x, 0) / points.length,
  points.reduce((sum, point) => sum + point.y, 0) / points.length,
];

async function readPhoto({ file, width, height }, index) {
  if (typeof file !== 'string' || !Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    fail(`${manifestPath}: image ${index} needs a file name and positive whole width and height`);
  }
  const bytes = await readFile(path.resolve(manifestFolder, file));
  if (bytes.length !== width * height * 3 * 4) {
    fail(`${file}: ${bytes.length} bytes is not one ${width}x${height}x3 float32 image`);
  }
  // Copy into a fresh, aligned buffer: a Buffer may be a view at any offset into a shared pool.
  const pixels = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  return tf.tensor4d(pixels, [1, height, width, 3], 'float32');
}

const images = [];
let faceCount = 0;
for (const [index, image] of manifest.images.entries()) {
  const photo = await readPhoto(image, index);
  const detections = await faceapi.detectAllFaces(photo, options).withFaceLandmarks();
  photo.dispose();
  const faces = detections.map(({ detection, landmarks }) => {
    const at = landmarks.positions;
    const box = detection.box;
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
  faceCount += faces.length;
  images.push({ file: image.file, width: image.width, height: image.height, faces });
}

await writeFile(facesPath, JSON.stringify({ minScore: options.minConfidence, images }));
console.error(`backend ${tf.getBackend()}: ${faceCount} faces in ${images.length} images written to ${facesPath}`);
