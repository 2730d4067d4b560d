"""PyTorch peer of `Bench train`: images/s of MobileFaceNet training steps (forward, feature-KD loss against a fixed
random target, backward, SGD step) on a fixed random batch. Prints one JSON line."""
import argparse
import json
import time

import torch

from peer_models import MobileFaceNet, count_parameters, feature_kd_loss, synchronize


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--size", type=int, default=112)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--width", type=float, default=1.0)
    parser.add_argument("--depth", type=float, default=1.0)
    parser.add_argument("--embedding", type=int, default=128)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    device = torch.device(args.device)
    model = MobileFaceNet(args.width, args.depth, args.size, args.embedding).to(device).train()
    images = torch.randn(args.batch, 3, args.size, args.size, device=device)
    target = torch.randn(args.batch, args.embedding, device=device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)

    def step():
        # set_to_none as the C# side's Module.zero_grad() does (PyTorch 1.13 would otherwise zero them).
        optimizer.zero_grad(set_to_none=True)
        loss = feature_kd_loss(model(images), target)
        loss.backward()
        optimizer.step()
        return loss

    for _ in range(args.warmup):
        step()
    synchronize(device)
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(args.steps):
        loss = step()
    synchronize(device)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({
        "framework": "pytorch " + torch.__version__,
        "device": str(device),
        "threads": torch.get_num_threads(),
        "parameters": count_parameters(model),
        "steps": args.steps,
        "batch": args.batch,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "images_per_second": args.steps * args.batch / seconds,
        "images_per_cpu_second": args.steps * args.batch / cpu_seconds,
        "final_loss": loss.item(),
    }))


if __name__ == "__main__":
    main()
