"""Loads a state dict written by `facekd trial export --format pytorch` into the PyTorch twin of its network
(peer_models.py) with load_state_dict(strict=True), and prints as one JSON line the twin's embeddings of the inputs
given (or of two random crops), in eval mode. The model spec is the one the export names (ModelFactory syntax, e.g.
"mobilefacenet:width=0.25,depth=1" or "iresnet:layers=2-2-2-2,width=0.25,dropout=0")."""
import argparse
import json

import torch

from peer_models import IResNet, MobileFaceNet


def build(spec, input_size, embedding_size):
    name, _, arguments = spec.partition(":")
    values = dict(pair.split("=") for pair in arguments.split(",") if pair)
    width = float(values.get("width", 1.0))
    if name == "mobilefacenet":
        return MobileFaceNet(width, float(values.get("depth", 1.0)), input_size, embedding_size)
    if name == "iresnet":
        layers = [int(count) for count in values["layers"].split("-")]
        return IResNet(width=width, input_size=input_size, embedding_size=embedding_size, layers=layers)
    raise SystemExit(f"unknown model spec {spec!r}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--state", required=True, help="the exported .pt state dict")
    parser.add_argument("--model", required=True, help="the model spec, e.g. mobilefacenet:width=0.25,depth=1")
    parser.add_argument("--input-size", type=int, required=True)
    parser.add_argument("--embedding-size", type=int, required=True)
    parser.add_argument("--inputs", help="a .pt file holding {'input': float tensor [N, 3, S, S]} (default: 2 random crops)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    model = build(args.model, args.input_size, args.embedding_size)
    model.load_state_dict(torch.load(args.state, map_location="cpu"), strict=True)
    model.eval()
    with torch.no_grad():
        inputs = (torch.load(args.inputs, map_location="cpu")["input"] if args.inputs
                  else torch.rand(2, 3, args.input_size, args.input_size, generator=torch.Generator().manual_seed(0)) * 2 - 1)
        embeddings = model(inputs)
    print(json.dumps({"embeddings": embeddings.tolist()}))


if __name__ == "__main__":
    main()
