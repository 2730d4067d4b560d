"""PyTorch peer of `Bench train`: images/s of MobileFaceNet training steps (forward, feature-KD loss against a fixed
random target, backward, SGD step) on a fixed random batch. Prints one JSON line."""
import json
import time

import torch

from peer_models import MobileFaceNet, count_parameters, feature_kd_loss, synchronize
from peer_setup import peer_arguments, run_facts, start


def main():
    parser = peer_arguments(__doc__)
    parser.add_argument("--width", type=float, default=1.0)
    parser.add_argument("--depth", type=float, default=1.0)
    parser.add_argument("--embedding", type=int, default=128)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()

    device = start(args)
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
    clock_start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(args.steps):
        loss = step()
    synchronize(device)
    seconds, cpu_seconds = time.perf_counter() - clock_start, time.process_time() - cpu_start
    print(json.dumps({
        **run_facts(device),
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
