"""What every peer script shares: the options PythonPeer.CommonArguments passes (and the seed), the start of a run
as the C# side makes it, and the facts about the run that head each JSON result."""
import argparse

import torch


def peer_arguments(description):
    """A parser with the options every peer takes; a peer adds its own before parsing."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--size", type=int, default=112)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--seed", type=int, default=0)
    return parser


def start(args):
    """Sets the thread count and the global seed, as the C# side does before it builds anything; returns the device."""
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    return torch.device(args.device)


def run_facts(device):
    """The framework, device and threads a result was measured with."""
    return {
        "framework": "pytorch " + torch.__version__,
        "device": str(device),
        "threads": torch.get_num_threads(),
    }
