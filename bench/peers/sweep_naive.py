"""PyTorch peer of `Bench sweep`: K student trials run one after another as K plain PyTorch scripts would run them.
Every trial keeps the data in host memory and moves each batch to the device, applies content replacement and a
random flip, runs the teacher on the batch (no grad), and trains the student (feature-KD loss through a projection
head, SGD with momentum, gradient clipping at norm 5), measuring the student on a small pair set before training
and after each epoch. Random uint8 images stand in for faces. Prints one JSON line."""
import json
import time

import torch
from torch import nn

from peer_models import IResNet, MobileFaceNet, count_parameters, feature_kd_loss, synchronize
from peer_setup import peer_arguments, run_facts, start

# TrialContext.EvaluationBatchSize: images per evaluation pass.
EVALUATION_BATCH = 256
# AlignedFaceLayout: eyes band, nose, mouth, upper half, lower half as (left, top, right, bottom) fractions.
REGIONS = [(0.16, 0.33, 0.84, 0.56), (0.38, 0.47, 0.62, 0.72), (0.28, 0.74, 0.72, 0.92), (0, 0, 1, 0.5), (0, 0.5, 1, 1)]


def region_table(strength, size):
    """[5, 4] pixel boxes of the layout regions scaled about their centres by 0.75 + 0.5 * strength."""
    scale = 0.75 + 0.5 * strength
    rows = []
    for left, top, right, bottom in REGIONS:
        cx, cy, hw, hh = (left + right) / 2, (top + bottom) / 2, (right - left) * scale / 2, (bottom - top) * scale / 2
        x0 = min(max(round((cx - hw) * size), 0), size - 1)
        y0 = min(max(round((cy - hh) * size), 0), size - 1)
        rows.append([x0, y0, min(max(round((cx + hw) * size), x0 + 1), size), min(max(round((cy + hh) * size), y0 + 1), size)])
    return torch.tensor(rows, dtype=torch.int64)


def replace_content(images, probability, boxes, generator):
    """Content replacement: each sample, with the given probability, takes one layout region from a partner."""
    batch, size = images.shape[0], images.shape[2]
    applied = torch.rand(batch, dtype=torch.float64, generator=generator) < probability
    partners = (torch.arange(batch) + 1 + (torch.rand(batch, dtype=torch.float64, generator=generator) * (batch - 1)).long()) % batch
    chosen = boxes[(torch.rand(batch, dtype=torch.float64, generator=generator) * len(REGIONS)).long()]
    coordinates = torch.arange(size)
    xs, ys = coordinates.view(1, 1, 1, size), coordinates.view(1, 1, size, 1)
    column = lambda i: chosen[:, i].view(batch, 1, 1, 1)
    mask = (xs >= column(0)) & (xs < column(2)) & (ys >= column(1)) & (ys < column(3)) & applied.view(batch, 1, 1, 1)
    return torch.where(mask, images.index_select(0, partners), images)


def to_model_input(images, device):
    return images.to(device).float().sub_(127.5).div_(127.5)


@torch.no_grad()
def pair_accuracy(model, pairs, device, batch):
    """Flip-summed embeddings, pair cosines, best-threshold accuracy (pairs alternate same / different)."""
    model.eval()
    embeddings = []
    for start in range(0, pairs.shape[0], batch):
        x = to_model_input(pairs[start:start + batch], device)
        embeddings.append(nn.functional.normalize(model(x) + model(x.flip(3)), dim=1))
    model.train()
    e = torch.cat(embeddings)
    cosines = (e[0::2] * e[1::2]).sum(1).cpu()
    same = torch.arange(cosines.shape[0]) % 2 == 0
    return max(((cosines > t) == same).float().mean().item() for t in cosines.tolist())


def main():
    parser = peer_arguments(__doc__)
    parser.add_argument("--images", type=int, default=4096)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--teacher-depth", type=int, default=18)
    parser.add_argument("--teacher-width", type=float, default=0.5)
    parser.add_argument("--teacher-embedding", type=int, default=512)
    parser.add_argument("--students", default="1.0x1.0", help="comma-separated WIDTHxDEPTH")
    parser.add_argument("--embedding", type=int, default=128)
    parser.add_argument("--eval-pairs", type=int, default=32)
    parser.add_argument("--strength", type=float, default=0.5)
    parser.add_argument("--lr", type=float, default=0.05)
    args = parser.parse_args()

    device = start(args)
    students = [tuple(float(v) for v in s.split("x")) for s in args.students.split(",")]
    data = torch.randint(0, 256, (args.images, 3, args.size, args.size), dtype=torch.uint8)
    pairs = torch.randint(0, 256, (2 * args.eval_pairs, 3, args.size, args.size), dtype=torch.uint8)
    boxes = region_table(args.strength, args.size)
    teacher = IResNet(args.teacher_depth, args.teacher_width, args.size, args.teacher_embedding).to(device).eval()

    def train_step(student, projection, optimizer, parameters, images, generator):
        images = replace_content(images, args.strength, boxes, generator)
        flip = (torch.rand(images.shape[0], generator=generator) < 0.5).view(-1, 1, 1, 1)
        x = to_model_input(torch.where(flip, images.flip(3), images), device)
        with torch.no_grad():
            target = teacher(x)
        loss = feature_kd_loss(projection(student(x)), target)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(parameters, 5.0)
        optimizer.step()
        return loss

    def make_student(width, depth):
        student = MobileFaceNet(width, depth, args.size, args.embedding).to(device).train()
        projection = (nn.Linear(args.embedding, args.teacher_embedding, bias=False) if args.embedding != args.teacher_embedding else nn.Identity()).to(device)
        parameters = list(student.parameters()) + list(projection.parameters())
        return student, projection, torch.optim.SGD(parameters, lr=args.lr, momentum=0.9, weight_decay=5e-4), parameters

    # Warm-up outside the clock (kernel selection, allocator), as the C# side does.
    generator = torch.Generator().manual_seed(args.seed)
    train_step(*make_student(*students[0]), data[:args.batch], generator)
    synchronize(device)

    batches = args.images // args.batch
    teacher_passes, trials = 0, []
    started_unix, clock_start, cpu_start = time.time(), time.perf_counter(), time.process_time()
    for width, depth in students:
        torch.manual_seed(args.seed)
        generator = torch.Generator().manual_seed(args.seed)
        student, projection, optimizer, parameters = make_student(width, depth)
        untrained = pair_accuracy(student, pairs, device, EVALUATION_BATCH)
        for epoch in range(args.epochs):
            order = torch.randperm(args.images, generator=generator)
            for b in range(batches):
                loss = train_step(student, projection, optimizer, parameters, data.index_select(0, order[b * args.batch:(b + 1) * args.batch]), generator)
                teacher_passes += 1
        trials.append({"width": width, "depth": depth, "parameters": count_parameters(student), "untrained_accuracy": untrained,
                       "final_accuracy": pair_accuracy(student, pairs, device, EVALUATION_BATCH), "final_loss": loss.item()})
    synchronize(device)
    seconds, cpu_seconds = time.perf_counter() - clock_start, time.process_time() - cpu_start
    print(json.dumps({
        **run_facts(device),
        "teacher_parameters": count_parameters(teacher),
        "trials": trials,
        "teacher_forward_passes": teacher_passes,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "started_unix": started_unix,
        "ended_unix": time.time(),
    }))


if __name__ == "__main__":
    main()
