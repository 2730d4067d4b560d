"""Makes the PyTorch fixtures of InsightFaceCheckpointTests with a real PyTorch (Debian's python3-torch 1.13):
a tiny IResNet-18 (width 0.125, 32 px, 128-d) in InsightFace's layout with random weights and batch-norm
statistics, saved with torch.save(state_dict()), plus a fixed input and PyTorch's eval-mode output for it.

    /usr/bin/python3 tests/Distillation.Tests/Fixtures/InsightFace/make_iresnet_state_dict.py
"""
import os
import sys

import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "..", "bench", "peers"))
from peer_models import IResNet  # noqa: E402

torch.manual_seed(11)
model = IResNet(depth=18, width=0.125, input_size=32, embedding_size=128)
with torch.no_grad():
    for module in model.modules():
        if isinstance(module, (torch.nn.BatchNorm2d, torch.nn.BatchNorm1d)):
            module.running_mean.uniform_(-0.2, 0.2)
            module.running_var.uniform_(0.5, 1.5)
            if module.affine and module.weight.requires_grad:
                module.weight.uniform_(0.8, 1.2)
                module.bias.uniform_(-0.1, 0.1)
model.eval()
inputs = torch.rand(2, 3, 32, 32) * 2 - 1
with torch.no_grad():
    outputs = model(inputs)
torch.save(model.state_dict(), os.path.join(here, "iresnet18-w0.125-32px.pt"))
inputs.numpy().astype("<f4").tofile(os.path.join(here, "input-2x3x32x32.f32"))
outputs.numpy().astype("<f4").tofile(os.path.join(here, "output-2x128.f32"))
print("parameters", sum(p.numel() for p in model.parameters()))
