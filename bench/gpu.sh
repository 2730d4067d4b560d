#!/usr/bin/env bash
# The one prepared GPU benchmark run: TorchSharp against PyTorch side by side on the GPU machine (PyTorch with
# CUDA, no .NET). Builds nothing. Runs `train` (MobileFaceNet width 1.0 and 0.5), `loader` and `sweep` (two
# teachers) at 112 px, batch 256, on cuda; writes every log and JSON into $OUT and prints a summary table last.
# Meant to finish in well under 6 minutes (each command has its own time limit).
#
# Here, first:  /work/shared/gpu/pack.sh bench/Bench.csproj .gpu/bench      (~45 MiB bundle)
# There:        bash bench/gpu.sh .gpu/bench                                 (OUT set by the device tool)
# CPU rehearsal on the dev machine (no GPU; a fake python3 that points run.sh at the packaged libtorch):
#   see bench/README.md, "Rehearsing gpu.sh on the CPU".
# Last, `onnx` checks ONNX Runtime's CUDA provider: an exported teacher embedded on cuda and on the CPU, the largest
# difference printed. ONNX Runtime's natives (libonnxruntime*.so, 328 MB with the CUDA provider) are too big for the
# bundle: the check runs only when they lie beside it (ort/ next to the bundle, or BENCH_ORT_DIR), else it is skipped
# and says so. That folder is the package's runtimes/linux-x64/native; it cannot travel in one device call (64 MiB):
#   mkdir -p .gpu/ort && cp ~/.nuget/packages/microsoft.ml.onnxruntime.gpu.linux/1.32.0/runtimes/linux-x64/native/*.so .gpu/ort/
# Environment overrides: BENCH_DEVICE BENCH_SIZE BENCH_BATCH BENCH_THREADS BENCH_STEPS BENCH_WARMUP BENCH_REPEATS
#   BENCH_IMAGES BENCH_EPOCHS BENCH_TEACHERS ("DEPTH:WIDTH ...") BENCH_ONNX_TEACHER ("DEPTH:WIDTH") BENCH_ORT_DIR
#   BENCH_PYTHON BENCH_LIMIT_SCALE (multiplies limits)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bundle=$(cd "${1:-.gpu/bench}" && pwd) || { echo "no bundle at ${1:-.gpu/bench}: run pack.sh first" >&2; exit 2; }
out=${OUT:-$PWD/.runs/bench-gpu}
mkdir -p "$out"
out=$(cd "$out" && pwd)

device=${BENCH_DEVICE:-cuda}
size=${BENCH_SIZE:-112}
batch=${BENCH_BATCH:-256}
threads=${BENCH_THREADS:-8}
steps=${BENCH_STEPS:-50}
warmup=${BENCH_WARMUP:-10}
repeats=${BENCH_REPEATS:-2}
images=${BENCH_IMAGES:-8192}
epochs=${BENCH_EPOCHS:-1}
teachers=${BENCH_TEACHERS:-"18:0.5 50:1.0"}
onnx_teacher=${BENCH_ONNX_TEACHER:-"50:1.0"}
ort_dir=${BENCH_ORT_DIR:-$bundle/../ort}
python=${BENCH_PYTHON:-python3}
limit_scale=${BENCH_LIMIT_SCALE:-1}
common=(--device "$device" --size "$size" --batch "$batch" --threads "$threads" --python "$python")

# The repository's peers replace the bundle's copies, so a stale pack still times the current PyTorch code.
cp "$here"/peers/*.py "$bundle/app/peers/"

{
    date -u
    nvidia-smi -L 2>/dev/null || echo "no nvidia-smi"
    "$python" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())'
    nproc
    cat /proc/loadavg
} > "$out/environment.txt" 2>&1

# Samples GPU utilisation with wall-clock stamps, so each sweep phase's busy time can be read off afterwards.
sample_gpu() {
    while :; do
        printf '%s,%s\n' "$(date +%s.%N)" "$(nvidia-smi --query-gpu=utilization.gpu --format=csv,noheader,nounits 2>/dev/null | head -1)"
        sleep 0.1
    done
}

declare -A status
bench() { # NAME LIMIT_SECONDS ARGS...
    local name=$1 limit=$2
    shift 2
    limit=$(( limit * limit_scale ))
    echo "== $name (limit ${limit}s): $*"
    local start=$SECONDS
    timeout --kill-after=10 "$limit" bash "$bundle/run.sh" dotnet app/Bench.dll "$@" --out "$out/$name.json" > "$out/$name.log" 2>&1
    status[$name]=$?
    echo "   exit ${status[$name]} after $(( SECONDS - start ))s; last lines:"
    tail -n 4 "$out/$name.log" | sed 's/^/   /'
}

bench train-w1.0 75 train "${common[@]}" --width 1.0 --steps "$steps" --warmup "$warmup" --repeats "$repeats"
bench train-w0.5 75 train "${common[@]}" --width 0.5 --steps "$steps" --warmup "$warmup" --repeats "$repeats"
bench loader 45 loader "${common[@]}" --width 0.5 --steps "$steps" --warmup "$warmup" --repeats "$repeats" --images "$images"
for teacher in $teachers; do
    depth=${teacher%%:*}
    width=${teacher##*:}
    sampler=
    if command -v nvidia-smi > /dev/null && [ "$device" != cpu ]; then
        sample_gpu > "$out/sweep-r${depth}w$width-gpu-utilisation.csv" &
        sampler=$!
    fi
    bench "sweep-r${depth}w$width" 85 sweep "${common[@]}" --images "$images" --epochs "$epochs" --trials 4 --teacher-depth "$depth" --teacher-width "$width"
    [ -n "$sampler" ] && kill "$sampler" 2> /dev/null
done

# ONNX Runtime loads its CUDA provider from beside libonnxruntime.so, and the provider finds CUDA 13 and cuDNN 9 on the
# library path: PyTorch's pip wheels ship them under site-packages/nvidia/*/lib (torch itself reaches them by RPATH).
onnx_skipped=
if [ ! -f "$ort_dir/libonnxruntime_providers_cuda.so" ]; then
    onnx_skipped="no $ort_dir/libonnxruntime_providers_cuda.so (ONNX Runtime's natives do not travel in the bundle)"
else
    cp "$ort_dir"/libonnxruntime*.so "$bundle/app/"
    nvidia_libs=$(python3 - <<'EOF'
import glob, os, torch
root = os.path.join(os.path.dirname(os.path.dirname(torch.__file__)), "nvidia")
print(":".join(sorted({os.path.dirname(f) for f in glob.glob(os.path.join(root, "**", "lib*.so*"), recursive=True)})))
EOF
)
    echo "$nvidia_libs" | tr ':' '\n' > "$out/onnx-library-path.txt"
    LD_LIBRARY_PATH="$nvidia_libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" bench onnx 90 onnx --device "$device" --size "$size" \
        --batch 64 --threads "$threads" --steps 3 --warmup 1 --teacher-depth "${onnx_teacher%%:*}" --teacher-width "${onnx_teacher##*:}"
fi

echo
echo "== summary ($device, ${size} px, batch $batch, $threads threads; total ${SECONDS}s; logs and JSON in $out)"
"$python" - "$out" "${!status[@]}" <<'EOF' | tee "$out/summary.md"
import glob, json, os, statistics, sys

out = sys.argv[1]

def load(name):
    path = os.path.join(out, name + ".json")
    return json.load(open(path)) if os.path.exists(path) else None

def busy(csv, start, end):
    """GPU busy seconds in [start, end]: mean utilisation of the samples inside x wall time."""
    if not os.path.exists(csv):
        return None
    samples = []
    for line in open(csv):
        stamp, _, value = line.strip().partition(",")
        if value.strip().isdigit() and start <= float(stamp) <= end:
            samples.append(float(value))
    return statistics.mean(samples) / 100 * (end - start) if samples else None

rows = []
for width in ("1.0", "0.5"):
    r = load("train-w" + width)
    if r is None:
        continue
    py = statistics.median(run["images_per_second"] for run in r["pytorch"])
    loop = statistics.median(r["torchsharp_loop"]["images_per_second"])
    trainer = statistics.median(r["torchsharp_trainer"]["images_per_second"])
    rows.append((f"train w{width} img/s: TorchSharp loop / PyTorch", f"{loop:,.0f}", f"{py:,.0f}", f"{r['ratio_loop']:.2f}x", ">= 1.0"))
    rows.append((f"train w{width} img/s: engine Trainer / PyTorch", f"{trainer:,.0f}", f"{py:,.0f}", f"{r['ratio_trainer']:.2f}x", ">= 1.0"))
r = load("loader")
if r is not None:
    training = statistics.median(r["training_images_per_second"])
    for key in ("device_resident", "host_resident"):
        if f"loader_{key}_images_per_second" in r:
            rate = statistics.median(r[f"loader_{key}_images_per_second"])
            rows.append((f"loader {key.replace('_', '-')} / training img/s", f"{rate:,.0f}", f"{training:,.0f}", f"{rate / training:.2f}x", ">= 2"))
for path in sorted(glob.glob(os.path.join(out, "sweep-r*.json"))):
    name = os.path.basename(path)[:-5]
    r = load(name)
    naive, grid, py = r["naive"][0], r["grid"][0], r["pytorch_naive"][0]
    expected = r["naive_teacher_forward_passes_expected"]
    util = os.path.join(out, name + "-gpu-utilisation.csv")
    rows.append((f"{name} wall: (a) naive / (b) grid", f"{naive['seconds']:.1f} s", f"{grid['seconds']:.1f} s", f"{r['speedup_grid_vs_naive']:.2f}x", ""))
    rows.append((f"{name} wall: PyTorch naive / (b) grid", f"{py['seconds']:.1f} s", f"{grid['seconds']:.1f} s", f"{r['speedup_grid_vs_pytorch_naive']:.2f}x", ">= 2"))
    rows.append((f"{name} teacher passes: (a) / (b) / PyTorch", f"{naive['teacher_forward_passes']} / {grid['teacher_forward_passes']}", f"{py['teacher_forward_passes']}", f"naive count {expected}", ""))
    phases = [busy(util, run["started_unix"], run["ended_unix"]) for run in (naive, grid, py)]
    if all(p is not None for p in phases):
        rows.append((f"{name} GPU busy s: (a) / (b) / PyTorch", f"{phases[0]:.1f} / {phases[1]:.1f}", f"{phases[2]:.1f}",
                     f"of wall {naive['seconds']:.0f} / {grid['seconds']:.0f} / {py['seconds']:.0f} s", ""))
r = load("onnx")
if r is not None:
    relative = r["max_abs_difference"] / r["max_abs_cpu_embedding"]
    rows.append(("onnx teacher: max |cuda - cpu| / max |cpu|", f"{r['max_abs_difference']:.3g}", f"{r['max_abs_cpu_embedding']:.3g}", f"{relative:.2g}", "<= 1e-3"))
    rows.append(("onnx teacher img/s: ONNX Runtime cuda / cpu", f"{r['device_images_per_second']:,.0f}", f"{r['cpu_images_per_second']:,.0f}",
                 f"{r['device_images_per_second'] / r['cpu_images_per_second']:.1f}x", ""))
for name in sys.argv[2:]:
    if not os.path.exists(os.path.join(out, name + ".json")):
        rows.append((name, "no result (see " + name + ".log)", "", "", ""))

header = ("figure", "ours", "peer", "ratio", "target")
widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(5)]
for row in [header, tuple("-" * w for w in widths)] + rows:
    print("| " + " | ".join(str(cell).ljust(w) for cell, w in zip(row, widths)) + " |")
EOF
for name in "${!status[@]}"; do
    [ "${status[$name]}" -eq 0 ] || echo "$name exited ${status[$name]} (see $out/$name.log)"
done
[ -z "$onnx_skipped" ] || echo "onnx skipped: $onnx_skipped"
