#!/usr/bin/env python3
"""Prints the Markdown tables of docs/results.md from the sweeps' JSON (facekd sweep run ... --format json).

Usage: python3 docs/results/tables.py docs/results  (the folder holding losses.json, none.json, augmentation.json,
regions.json). Every cell is a configuration's test-pair mean ± sample std over its seeds (n = seeds); nothing is
computed here but those means and the differences between them, so the tables can be checked against the JSON.
"""
import json
import sys
from pathlib import Path


def load(folder, name):
    return json.loads((Path(folder) / f"{name}.json").read_text())


def cell(summary):
    return f"{summary['mean']:.3f} ± {summary['std']:.3f} (n={summary['count']})"


def losses_table(results):
    groups = results["groups"]
    ratios = sorted({g["params"]["compression_ratio"] for g in groups})
    losses = ["feature", "indirect", "indirect+feature", "supervised"]
    print(f"Teacher: {results['teacher']['params']:,} parameters, test accuracy {results['teacher']['accuracy']:.3f}.\n")
    print("| loss | " + " | ".join(f"{r:g}×" for r in ratios) + " |")
    print("|---|" + "---|" * len(ratios))
    for loss in losses:
        row = [cell(g["accuracy"]) for r in ratios for g in groups if g["params"]["loss"] == loss and g["params"]["compression_ratio"] == r]
        print(f"| {loss} | " + " | ".join(row) + " |")
    untrained = [next(g for g in groups if g["params"]["compression_ratio"] == r)["untrainedAccuracy"] for r in ratios]
    print("| *same student, untrained* | " + " | ".join(cell(u) for u in untrained) + " |")
    sizes = [next(g for g in groups if g["params"]["compression_ratio"] == r)["studentParams"] for r in ratios]
    print("| *student parameters* | " + " | ".join(f"{s:,}" for s in sizes) + " |")
    print()
    print("Validation accuracy (what selection reads), same layout:\n")
    print("| loss | " + " | ".join(f"{r:g}×" for r in ratios) + " |")
    print("|---|" + "---|" * len(ratios))
    for loss in losses:
        row = [cell(g["selectionMetric"]) for r in ratios for g in groups if g["params"]["loss"] == loss and g["params"]["compression_ratio"] == r]
        print(f"| {loss} | " + " | ".join(row) + " |")
    print()


def teacher_table(results):
    teacher = results["teacher"]["accuracy"]
    print("| ratio | best configuration (chosen on validation) | test accuracy | teacher | student − teacher |")
    print("|---|---|---|---|---|")
    groups = {g["id"]: g for g in results["groups"]}
    for best in results["bestPerRatio"]:
        group = groups[best["trialId"]]
        print(f"| {best['compressionRatio']:g}× | {group['params']['loss']} ({best['trialId']}, {best['seeds']} seeds) | "
              f"{best['metric']:.3f} ± {best['metricStd']:.3f} | {teacher:.3f} | {best['metric'] - teacher:+.3f} |")
    print()


def augmentation_table(none, augmentation, regions):
    pools = sorted({g["params"]["data.synthface.zipf"] for g in augmentation["groups"]})
    print("| augmentation | strength | " + " | ".join(f"Zipf {z:g}" for z in pools) + " |")
    print("|---|---|" + "---|" * len(pools))

    def row(label, strength, groups, match):
        cells = []
        for z in pools:
            found = [g for g in groups if g["params"]["data.synthface.zipf"] == z and match(g)]
            cells.append(cell(found[0]["accuracy"]) if found else "–")
        print(f"| {label} | {strength} | " + " | ".join(cells) + " |")

    row("none", "–", none["groups"], lambda g: True)
    for method in ["replacement", "cutout", "cutmix"]:
        for strength in sorted({g["params"]["aug.strength"] for g in augmentation["groups"]}):
            label = "replacement (any region)" if method == "replacement" else method
            row(label, f"{strength:g}", augmentation["groups"], lambda g, m=method, s=strength: g["params"]["aug.method"] == m and g["params"]["aug.strength"] == s)
    for region in ["eyes", "nose", "mouth", "upper", "lower", "random"]:
        row(f"replacement ({region})", "0.5", regions["groups"], lambda g, r=region: g["params"]["aug.region"] == r)
    print()


def main(folder):
    losses = load(folder, "losses")
    print("### (a) Unlabeled KD against the supervised student\n")
    losses_table(losses)
    print("### (c) Students against the teacher\n")
    teacher_table(losses)
    print("### (b) Face content replacement against none, Cutout and CutMix\n")
    augmentation_table(load(folder, "none"), load(folder, "augmentation"), load(folder, "regions"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/results")
