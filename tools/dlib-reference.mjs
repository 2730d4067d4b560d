// Reference descriptors from @vladmandic/face-api's own FaceRecognitionNet (the dlib ResNet face descriptor),
// run on the pure-JavaScript TensorFlow.js CPU backend, to check FaceKdGrid's TorchSharp port against.
//
// usage: node tools/dlib-reference.mjs IMAGES.f32 DESCRIPTORS.f32 [MODEL_DIR]
//   IMAGES.f32       raw little-endian float32, N x 150 x 150 x 3 (height, width, RGB), values 0..255
//   DESCRIPTORS.f32  written as raw little-endian float32, N x 128
//   MODEL_DIR        folder with face_recognition_model-weights_manifest.json (default: the package's model/)
import { readFile, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const inputSize = 150;
const descriptorSize = 128;
const imageValues = inputSize * inputSize * 3;

// face-api's Node build loads TensorFlow.js as '@tensorflow/tfjs-node' (native bindings). The pure-JS
// '@tensorflow/tfjs' exports the same API, so that one name is resolved to it and no native binary is needed.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveToPureJs(request, ...rest) {
  return resolveFilename.call(this, request === '@tensorflow/tfjs-node' ? '@tensorflow/tfjs' : request, ...rest);
};

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');
const faceapi = require('@vladmandic/face-api/dist/face-api.node.js');

const [imagesPath, descriptorsPath, modelArgument] = process.argv.slice(2);
if (!imagesPath || !descriptorsPath) {
  console.error('usage: node tools/dlib-reference.mjs IMAGES.f32 DESCRIPTORS.f32 [MODEL_DIR]');
  process.exit(2);
}
const modelDirectory = modelArgument
  ?? path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');

const bytes = await readFile(imagesPath);
if (bytes.length === 0 || bytes.length % (imageValues * 4) !== 0) {
  console.error(`${imagesPath}: ${bytes.length} bytes is not a whole number of ${inputSize}x${inputSize}x3 float32 images`);
  process.exit(2);
}
const count = bytes.length / (imageValues * 4);
// Copy into a fresh, aligned buffer: a Buffer may be a view at any offset into a shared pool.
const pixels = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));

await tf.setBackend('cpu');
await tf.ready();

const net = new faceapi.FaceRecognitionNet();
await net.loadFromDisk(modelDirectory);

const images = [];
for (let i = 0; i < count; i += 1) {
  images.push(tf.tensor3d(pixels.subarray(i * imageValues, (i + 1) * imageValues), [inputSize, inputSize, 3], 'float32'));
}
// An array input makes the package treat it as a batch and return one descriptor per image.
const descriptors = await net.computeFaceDescriptor(images);

const output = new Float32Array(count * descriptorSize);
descriptors.forEach((descriptor, i) => output.set(descriptor, i * descriptorSize));
await writeFile(descriptorsPath, Buffer.from(output.buffer));
console.error(`backend ${tf.getBackend()}: ${count} descriptors written to ${descriptorsPath}`);
