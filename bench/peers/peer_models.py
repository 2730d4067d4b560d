"""PyTorch twins of the engine's backbones (Distillation/Models), built layer for layer like the C# code so that
parameter counts and per-step work are identical: MobileFaceNet (with width/depth multipliers) and InsightFace's
IResNet (with a width multiplier). Written for these benchmarks; shared by the peer scripts."""
import math

import torch
from torch import nn

CHANNEL_MULTIPLE = 8


def scale_channels(channels, width):
    """channels x width rounded half away from zero to a multiple of 8, at least 8 (ChannelScaling.ScaleChannels)."""
    multiples = math.floor(channels * width / CHANNEL_MULTIPLE + 0.5)
    return max(1, multiples) * CHANNEL_MULTIPLE


def scale_repeats(repeats, depth):
    """repeats x depth rounded half away from zero, at least 1 (ChannelScaling.ScaleRepeats)."""
    return max(1, math.floor(repeats * depth + 0.5))


class ConvBnBlock(nn.Module):
    """conv (no bias) -> BN -> PReLU(out), or without the PReLU when linear."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, groups=1, linear=False):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride=stride, padding=padding, groups=groups, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.prelu = None if linear else nn.PReLU(out_channels)

    def forward(self, x):
        x = self.bn(self.conv(x))
        return x if self.prelu is None else self.prelu(x)


class InvertedResidual(nn.Module):
    def __init__(self, in_channels, out_channels, expansion, stride):
        super().__init__()
        hidden = in_channels * expansion
        self.expand = ConvBnBlock(in_channels, hidden, 1)
        self.depthwise = ConvBnBlock(hidden, hidden, 3, stride=stride, padding=1, groups=hidden)
        self.project = ConvBnBlock(hidden, out_channels, 1, linear=True)
        self.has_shortcut = stride == 1 and in_channels == out_channels

    def forward(self, x):
        y = self.project(self.depthwise(self.expand(x)))
        return y + x if self.has_shortcut else y


class MobileFaceNet(nn.Module):
    BOTTLENECK_GROUPS = [(2, 64, 5, 2), (4, 128, 1, 2), (2, 128, 6, 1), (4, 128, 1, 2), (2, 128, 2, 1)]

    def __init__(self, width=1.0, depth=1.0, input_size=112, embedding_size=128):
        super().__init__()
        stem_channels = scale_channels(64, width)
        head_channels = scale_channels(512, width)
        self.stem = ConvBnBlock(3, stem_channels, 3, stride=2, padding=1)
        self.stem_depthwise = ConvBnBlock(stem_channels, stem_channels, 3, padding=1, groups=stem_channels)
        blocks, channels = [], stem_channels
        for expansion, group_channels, repeats, stride in self.BOTTLENECK_GROUPS:
            out_channels = scale_channels(group_channels, width)
            for repeat in range(scale_repeats(repeats, depth)):
                blocks.append(InvertedResidual(channels, out_channels, expansion, stride if repeat == 0 else 1))
                channels = out_channels
        self.bottlenecks = nn.Sequential(*blocks)
        self.head = ConvBnBlock(channels, head_channels, 1)
        self.global_depthwise = ConvBnBlock(head_channels, head_channels, input_size // 16, groups=head_channels, linear=True)
        self.embedding = nn.Linear(head_channels, embedding_size, bias=False)
        self.features = nn.BatchNorm1d(embedding_size)
        for module in self.modules():
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        x = self.global_depthwise(self.head(self.bottlenecks(self.stem_depthwise(self.stem(x)))))
        return self.features(self.embedding(x.flatten(1)))


class IBasicBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.prelu = nn.PReLU(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn3 = nn.BatchNorm2d(out_channels)
        self.downsample = None
        if stride != 1 or in_channels != out_channels:
            self.downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False), nn.BatchNorm2d(out_channels))

    def forward(self, x):
        y = self.bn3(self.conv2(self.prelu(self.bn2(self.conv1(self.bn1(x))))))
        return y + (x if self.downsample is None else self.downsample(x))


class IResNet(nn.Module):
    LAYERS = {18: [2, 2, 2, 2], 34: [3, 4, 6, 3], 50: [3, 4, 14, 3], 100: [3, 13, 30, 3]}

    def __init__(self, depth=50, width=1.0, input_size=112, embedding_size=512, layers=None):
        super().__init__()
        channels = [scale_channels(c, width) for c in (64, 128, 256, 512)]
        layers = layers or self.LAYERS[depth]
        self.conv1 = nn.Conv2d(3, channels[0], 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels[0])
        self.prelu = nn.PReLU(channels[0])
        stage_inputs = [channels[0]] + channels[:3]
        self.layer1, self.layer2, self.layer3, self.layer4 = [
            nn.Sequential(*[IBasicBlock(stage_inputs[s] if b == 0 else channels[s], channels[s], 2 if b == 0 else 1) for b in range(layers[s])])
            for s in range(4)]
        self.bn2 = nn.BatchNorm2d(channels[3])
        self.dropout = nn.Dropout(0.0)
        side = input_size // 16
        self.fc = nn.Linear(channels[3] * side * side, embedding_size)
        self.features = nn.BatchNorm1d(embedding_size)
        for module in self.modules():
            if isinstance(module, nn.Conv2d):
                nn.init.normal_(module.weight, 0, 0.1)
        nn.init.constant_(self.features.weight, 1.0)
        self.features.weight.requires_grad = False

    def forward(self, x):
        x = self.prelu(self.bn1(self.conv1(x)))
        x = self.bn2(self.layer4(self.layer3(self.layer2(self.layer1(x)))))
        return self.features(self.fc(self.dropout(x.flatten(1))))


def count_parameters(module):
    """Every parameter element, trainable or frozen (ModelStatistics.CountParameters)."""
    return sum(p.numel() for p in module.parameters())


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def feature_kd_loss(student, teacher):
    """Batch mean of 1 - cos(s, t) (FeatureKdLoss)."""
    return (1 - torch.nn.functional.cosine_similarity(student, teacher.detach(), dim=1)).mean()
