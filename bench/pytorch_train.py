#!/usr/bin/env python3
"""PyTorch CPU reference for `./ablate bench`: training throughput of the same models, batch and thread count.

Builds the models as Ablate defines them (lenet-300-100: 784-300-100-10 with ReLU; lenet-5, Caffe variant:
conv1 20@5x5 -> maxpool 2 -> conv2 50@5x5 -> maxpool 2 -> fc 500 -> ReLU -> fc 10), trains with SGD
(momentum 0.9, lr 0.05) and softmax cross-entropy on random data shaped like Fashion-MNIST ([N, 1, 28, 28],
10 classes; the values do not change the work done), walking a shuffled order in batches like
dev.ablate.nn.Trainer (last partial batch included, loss and accuracy accumulated per step). After the
warm-up epochs, each repetition times one epoch; the result is samples per second per repetition, with the
min, median and max.

With --serve (what `./ablate bench` uses), it builds and warms up every model, prints one JSON line
{"ready": true, "torch_version": ..., "threads": ...}, then reads model names from stdin, one per line, and
answers each with one timed epoch: {"model": ..., "samples_per_s": ...}. That lets the caller alternate its
own repetitions with PyTorch's, so both see the same machine load. It exits at end of input.

Otherwise it prints exactly ONE JSON line on stdout, e.g.
  {"torch_version": "1.13.1", "threads": 1, "batch": 64, "examples": 10000, "results": [
   {"model": "lenet-300-100", "samples_per_s": [...], "min": ..., "median": ..., "max": ...}]}
Exit status 0 on success, 2 on bad arguments, 3 when torch cannot be imported (the JSON line then has "error").

Run it with Debian's interpreter, which has python3-torch: /usr/bin/python3 bench/pytorch_train.py --help.
The thread count is forced before torch is imported (OMP/MKL/OpenBLAS variables) and again with
torch.set_num_threads, so the comparison with Ablate's single-threaded engine is like for like.
"""
import argparse
import json
import os
import statistics
import sys
import time

MODELS = ("lenet-300-100", "lenet-5")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models", default=",".join(MODELS), help="comma-separated, from: " + ", ".join(MODELS))
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--examples", type=int, default=10000, help="examples per epoch (default: fashion-mnist-mini's 10000)")
    p.add_argument("--warmup-epochs", type=int, default=2)
    p.add_argument("--reps", type=int, default=7, help="timed repetitions, one epoch each")
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--serve", action="store_true", help="warm up, then time one epoch per model name read from stdin")
    args = p.parse_args(argv)
    models = [m for m in args.models.split(",") if m]
    unknown = [m for m in models if m not in MODELS]
    if unknown or not models:
        p.error("--models: unknown model(s) %s (valid: %s)" % (unknown, ", ".join(MODELS)))
    if min(args.batch, args.threads, args.examples, args.reps) < 1 or args.warmup_epochs < 0:
        p.error("--batch, --threads, --examples and --reps must be at least 1, --warmup-epochs at least 0")
    args.models = models
    return args


def build(name, nn):
    if name == "lenet-300-100":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 300), nn.ReLU(), nn.Linear(300, 100), nn.ReLU(),
                             nn.Linear(100, 10))
    # Caffe's LeNet (examples/mnist/lenet_train_test.prototxt): no activation after the convolutions.
    return nn.Sequential(nn.Conv2d(1, 20, 5), nn.MaxPool2d(2), nn.Conv2d(20, 50, 5), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(50 * 4 * 4, 500), nn.ReLU(), nn.Linear(500, 10))


def epoch(model, opt, x, y, batch, torch, F):
    n = x.shape[0]
    order = torch.randperm(n)
    loss_sum = 0.0
    correct = 0
    for s in range(0, n, batch):
        idx = order[s:s + batch]
        xb, yb = x[idx], y[idx]
        logits = model(xb)
        loss = F.cross_entropy(logits, yb)
        opt.zero_grad(set_to_none=False)
        loss.backward()
        opt.step()
        loss_sum += loss.item() * idx.shape[0]
        correct += int((logits.argmax(1) == yb).sum())
    return loss_sum / n, correct / n


def serve(args, x, y, torch, nn, F):
    models = {}
    for name in args.models:
        model = build(name, nn)
        model.train()
        opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum)
        for _ in range(args.warmup_epochs):
            epoch(model, opt, x, y, args.batch, torch, F)
        models[name] = (model, opt)
    print(json.dumps({"ready": True, "torch_version": torch.__version__, "threads": torch.get_num_threads()}),
          flush=True)
    for line in sys.stdin:
        name = line.strip()
        if name not in models:
            print(json.dumps({"error": "unknown model %r" % name}), flush=True)
            continue
        model, opt = models[name]
        t0 = time.perf_counter()
        epoch(model, opt, x, y, args.batch, torch, F)
        print(json.dumps({"model": name, "samples_per_s": args.examples / (time.perf_counter() - t0)}), flush=True)
    return 0


def main(argv):
    args = parse_args(argv)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    try:
        import torch
        import torch.nn as nn
        import torch.nn.functional as F
    except ImportError as e:
        print(json.dumps({"error": "cannot import torch: %s (Debian: apt-get install python3-torch)" % e}))
        return 3
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    x = torch.randn(args.examples, 1, 28, 28)
    y = torch.randint(0, 10, (args.examples,))
    if args.serve:
        return serve(args, x, y, torch, nn, F)
    results = []
    for name in args.models:
        model = build(name, nn)
        model.train()
        opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum)
        for _ in range(args.warmup_epochs):
            epoch(model, opt, x, y, args.batch, torch, F)
        rates = []
        for _ in range(args.reps):
            t0 = time.perf_counter()
            epoch(model, opt, x, y, args.batch, torch, F)
            rates.append(args.examples / (time.perf_counter() - t0))
        results.append({"model": name, "samples_per_s": rates, "min": min(rates),
                        "median": statistics.median(rates), "max": max(rates)})
    print(json.dumps({"torch_version": torch.__version__, "threads": torch.get_num_threads(),
                      "batch": args.batch, "examples": args.examples, "warmup_epochs": args.warmup_epochs,
                      "reps": args.reps, "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
