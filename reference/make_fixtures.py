#!/usr/bin/env python3
"""Generate the reference fixtures in tests/fixtures/*.json from PyTorch and pytorch-metric-learning.

Every value and gradient is computed in float64 with autograd. Each case records, in its "call" field,
the exact PyTorch expression that produced "value" (and, by .backward(), "grad"). Where Loss Lab is
deliberately exact where PyTorch clamps or adds an epsilon, the case carries "torch_value"/"torch_grad"
(what PyTorch says) next to "value"/"grad" (what we must say) and a "note".

Non-finite numbers are written as the strings "inf", "-inf", "nan" (JSON has no literal for them).

Run it in a virtualenv outside the repository (see reference/README.md); `cargo test` only reads the JSON.
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
import pytorch_metric_learning
from pytorch_metric_learning import distances, losses, miners, reducers

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures")
rng = np.random.default_rng(20260328)


def num(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def nums(t):
    return [num(v) for v in torch.as_tensor(t).detach().reshape(-1).tolist()]


def t(xs, grad=False):
    return torch.tensor(xs, dtype=torch.float64, requires_grad=grad)


def value_grad(fn, x):
    """fn(x) -> scalar; returns (value, dvalue/dx flattened)."""
    x = x.detach().clone().requires_grad_(True)
    v = fn(x)
    v.backward()
    g = x.grad if x.grad is not None else torch.zeros_like(x)
    return num(v.item()), nums(g)


def meta():
    return {
        "generator": "reference/make_fixtures.py",
        "torch": torch.__version__,
        "pytorch_metric_learning": pytorch_metric_learning.__version__,
        "dtype": "float64",
    }


def write(name, cases):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump({"meta": meta(), "cases": cases}, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {path}: {len(cases)} cases")


# --------------------------------------------------------------------------------------------- regression
def regression():
    cases = []
    pred = rng.normal(0, 2, 9).round(6).tolist()
    target = rng.normal(0, 2, 9).round(6).tolist()
    P, T = t(pred), t(target)

    def add(loss, params, call, fn, p=P, tt=T, **extra):
        v, g = value_grad(lambda x: fn(x, tt), p)
        cases.append({"loss": loss, "params": params, "call": call, "pred": nums(p), "target": nums(tt),
                      "value": v, "grad": g, **extra})

    add("me", {}, "torch.mean(pred - target)", lambda x, y: torch.mean(x - y))
    add("mse", {}, "F.mse_loss(pred, target)", lambda x, y: F.mse_loss(x, y))
    add("mae", {}, "F.l1_loss(pred, target)", lambda x, y: F.l1_loss(x, y))
    add("rmse", {}, "torch.sqrt(F.mse_loss(pred, target))", lambda x, y: torch.sqrt(F.mse_loss(x, y)))
    for d in [0.5, 1.0, 2.0]:
        add("huber", {"delta": d}, f"F.huber_loss(pred, target, delta={d})", lambda x, y, d=d: F.huber_loss(x, y, delta=d))
    for b in [0.0, 0.5, 1.0, 3.0]:
        add("smooth_l1", {"beta": b}, f"F.smooth_l1_loss(pred, target, beta={b})", lambda x, y, b=b: F.smooth_l1_loss(x, y, beta=b))
    add("log_cosh", {}, "torch.mean(torch.log(torch.cosh(pred - target)))", lambda x, y: torch.mean(torch.log(torch.cosh(x - y))))
    for tau in [0.1, 0.5, 0.9]:
        add("quantile", {"tau": tau}, f"torch.mean(torch.maximum({tau}*(target-pred), ({tau}-1)*(target-pred)))",
            lambda x, y, tau=tau: torch.mean(torch.maximum(tau * (y - x), (tau - 1) * (y - x))))
    # Kinks: PyTorch's conventions at r = 0 (L1: sign(0) = 0) and |r| = delta (huber: linear branch).
    kp, kt = t([1.0, 2.0, -0.5, 3.0]), t([1.0, 1.0, 0.5, 0.0])  # r = 0, 1, -1, 3
    add("mae", {}, "F.l1_loss(pred, target)  # r = 0 is a kink: torch gives sign(0) = 0", lambda x, y: F.l1_loss(x, y), kp, kt)
    add("huber", {"delta": 1.0}, "F.huber_loss(pred, target, delta=1.0)  # |r| = delta on two elements", lambda x, y: F.huber_loss(x, y, delta=1.0), kp, kt)
    add("smooth_l1", {"beta": 1.0}, "F.smooth_l1_loss(pred, target, beta=1.0)  # |r| = beta on two elements", lambda x, y: F.smooth_l1_loss(x, y, beta=1.0), kp, kt)
    # RMSE at zero residual: torch's gradient is NaN (0/0 in sqrt's backward); ours is 0.
    z = t([1.5, -2.0])
    tv, tg = value_grad(lambda x: torch.sqrt(F.mse_loss(x, z)), z)
    cases.append({"loss": "rmse", "params": {}, "call": "torch.sqrt(F.mse_loss(pred, target)) with pred == target",
                  "pred": nums(z), "target": nums(z), "value": 0.0, "grad": [0.0, 0.0], "torch_value": tv, "torch_grad": tg,
                  "note": "sqrt backward at 0 gives NaN in PyTorch; Loss Lab takes 0 (MATHS.md §1)"})
    write("regression.json", cases)


# ------------------------------------------------------------------------------------------------- binary
def binary():
    cases = []
    p = [0.02, 0.3, 0.5, 0.77, 0.999, 0.6]
    y = [0.0, 1.0, 1.0, 0.0, 1.0, 0.25]
    v, g = value_grad(lambda x: F.binary_cross_entropy(x, t(y)), t(p))
    cases.append({"loss": "bce", "call": "F.binary_cross_entropy(p, y)", "x": p, "y": y, "value": v, "grad": g})
    # Exact infinity where torch clamps log at -100.
    pe, ye = [0.0, 0.4], [1.0, 0.0]
    tv, tg = value_grad(lambda x: F.binary_cross_entropy(x, t(ye)), t(pe))
    cases.append({"loss": "bce", "call": "F.binary_cross_entropy(p, y) with p = 0, y = 1", "x": pe, "y": ye,
                  "value": "inf", "grad": ["-inf", num(1 / 0.6 / 2)], "torch_value": tv, "torch_grad": tg,
                  "note": "PyTorch clamps each log at -100 (value (100 + ln(1/0.6))/2); the exact loss is +inf"})
    # p = y at the ends: the derivative of the remaining term.
    pk, yk = [0.0, 1.0], [0.0, 1.0]
    tv, tg = value_grad(lambda x: F.binary_cross_entropy(x, t(yk)), t(pk))
    cases.append({"loss": "bce", "call": "F.binary_cross_entropy(p, y) with p = y in {0, 1}", "x": pk, "y": yk,
                  "value": 0.0, "grad": [0.5, -0.5], "torch_value": tv, "torch_grad": tg,
                  "note": "MATHS.md §2: +1 at p = y = 0, -1 at p = y = 1 (divided by n = 2)"})
    x = [-1000.0, -50.0, -3.0, 0.0, 0.7, 36.0, 50.0, 1000.0]
    yy = [0.0, 0.0, 1.0, 1.0, 0.3, 1.0, 1.0, 1.0]
    v, g = value_grad(lambda z: F.binary_cross_entropy_with_logits(z, t(yy)), t(x))
    cases.append({"loss": "bce_with_logits", "call": "F.binary_cross_entropy_with_logits(x, y)", "x": x, "y": yy,
                  "value": v, "grad": g,
                  "note": "torch forms the gradient as sigmoid(x) - y, which is 0 for x = 50, y = 1 (true -1.9e-22): grads compared with an absolute tolerance of 1e-15"})
    f = [-2.0, -0.5, 0.3, 1.5, 0.9, -1.2]
    s = [1.0, -1.0, 1.0, 1.0, -1.0, -1.0]
    for name, call, fn in [
        ("hinge", "torch.mean(torch.clamp(1 - y*f, min=0))", lambda z: torch.mean(torch.clamp(1 - t(s) * z, min=0))),
        ("squared_hinge", "torch.mean(torch.clamp(1 - y*f, min=0)**2)", lambda z: torch.mean(torch.clamp(1 - t(s) * z, min=0) ** 2)),
        ("logistic", "F.soft_margin_loss(f, y)", lambda z: F.soft_margin_loss(z, t(s))),
    ]:
        v, g = value_grad(fn, t(f))
        cases.append({"loss": name, "call": call, "x": f, "y": s, "value": v, "grad": g})
    # Focal: torchvision.ops.sigmoid_focal_loss re-typed from torchvision 0.2x (mean reduction).
    def tv_focal(inputs, targets, alpha, gamma):
        p = torch.sigmoid(inputs)
        ce = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
        p_t = p * targets + (1 - p) * (1 - targets)
        loss = ce * ((1 - p_t) ** gamma)
        if alpha >= 0:
            alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
            loss = alpha_t * loss
        return loss.mean()
    fx = [-4.0, -1.0, 0.0, 0.5, 2.0, 6.0]
    fy = [0.0, 1.0, 1.0, 0.0, 1.0, 0.0]
    for alpha, gamma in [(0.25, 2.0), (-1.0, 0.0), (0.5, 0.5), (0.25, 5.0)]:
        v, g = value_grad(lambda z: tv_focal(z, t(fy), alpha, gamma), t(fx))
        cases.append({"loss": "focal", "params": {"alpha": alpha, "gamma": gamma},
                      "call": f"torchvision.ops.sigmoid_focal_loss(x, y, alpha={alpha}, gamma={gamma}, reduction='mean') (formula re-typed)",
                      "x": fx, "y": fy, "value": v, "grad": g})
    write("binary.json", cases)


# --------------------------------------------------------------------------------------------- multiclass
def multiclass():
    cases = []
    n, c = 5, 4
    x = rng.normal(0, 2, (n, c)).round(6)
    x[4] *= 500  # logits of order 1e3
    y = [0, 3, 1, 2, 2]
    X = t(x.tolist())
    for eps in [0.0, 0.1, 1.0]:
        v, g = value_grad(lambda z: F.cross_entropy(z, torch.tensor(y), label_smoothing=eps), X)
        cases.append({"loss": "cross_entropy", "params": {"label_smoothing": eps}, "classes": c,
                      "call": f"F.cross_entropy(x, y, label_smoothing={eps})", "x": nums(X), "y": y, "value": v, "grad": g})
    xs = t((rng.normal(0, 1, (n, c))).round(6).tolist())
    for p_, m in [(1, 1.0), (2, 1.0), (1, 0.3), (2, 2.0)]:
        v, g = value_grad(lambda z: F.multi_margin_loss(z, torch.tensor(y), p=p_, margin=m), xs)
        cases.append({"loss": "multi_margin", "params": {"p": p_, "margin": m}, "classes": c,
                      "call": f"F.multi_margin_loss(x, y, p={p_}, margin={m})", "x": nums(xs), "y": y, "value": v, "grad": g})
    write("multiclass.json", cases)


# --------------------------------------------------------------------------------------------- multilabel
def multilabel():
    cases = []
    c = 5
    x = t(rng.normal(0, 2, (3, c)).round(6).tolist())
    y = [[1, 0, 1, 0, 0], [0, 0, 0, 1, 0], [1, 1, 0, 0, 1]]
    Y = t(y)
    v, g = value_grad(lambda z: F.multilabel_soft_margin_loss(z, Y), x)
    cases.append({"loss": "sigmoid_bce", "classes": c, "call": "F.multilabel_soft_margin_loss(x, y)",
                  "x": nums(x), "y": nums(Y), "value": v, "grad": g})
    Tn = Y / Y.sum(dim=1, keepdim=True)
    v, g = value_grad(lambda z: F.cross_entropy(z, Tn), x)
    cases.append({"loss": "softmax_normalised", "classes": c, "call": "F.cross_entropy(x, y / y.sum(1, keepdim=True))",
                  "x": nums(x), "y": nums(Y), "value": v, "grad": g})
    write("multilabel.json", cases)


# --------------------------------------------------------------------------------------------- divergence
def divergence():
    cases = []
    p = [0.1, 0.2, 0.3, 0.4]
    q = [0.25, 0.25, 0.4, 0.1]
    p0 = [0.0, 0.5, 0.5, 0.0]
    q0 = [0.5, 0.25, 0.25, 0.0]
    z = [1.0, -2.0, 0.5, 3.0]
    zbig = [1000.0, -1000.0, 0.0, 999.0]
    for pp, qq in [(p, q), (p0, q)]:
        v, g = value_grad(lambda x: F.kl_div(torch.log(x), t(pp), reduction="sum"), t(qq))
        cases.append({"loss": "kl_forward", "call": "F.kl_div(torch.log(q), p, reduction='sum')", "p": pp, "q": qq, "value": v, "grad": g})
        v, g = value_grad(lambda x: torch.sum(x * (torch.log(x) - torch.log(t(pp)))), t(qq))
        if min(pp) > 0:
            cases.append({"loss": "kl_reverse", "call": "torch.sum(q * (torch.log(q) - torch.log(p)))", "p": pp, "q": qq, "value": v, "grad": g})
        v, g = value_grad(lambda x: -torch.sum(torch.special.xlogy(t(pp), x)), t(qq))
        cases.append({"loss": "cross_entropy", "call": "-torch.sum(torch.special.xlogy(p, q))", "p": pp, "q": qq, "value": v, "grad": g})
        v = -torch.sum(torch.special.xlogy(t(pp), t(pp))).item()
        cases.append({"loss": "entropy", "call": "torch.distributions.Categorical(probs=p).entropy()", "p": pp, "q": pp,
                      "value": num(torch.distributions.Categorical(probs=t(pp)).entropy().item()), "grad": None})
    # q_k = 0 = p_k: torch gives NaN (log 0 * 0), exact value is finite.
    tv, tg = value_grad(lambda x: F.kl_div(torch.log(x), t(p0), reduction="sum"), t(q0))
    ours = sum(a * math.log(a / b) for a, b in zip(p0, q0) if a > 0)
    cases.append({"loss": "kl_forward", "call": "F.kl_div(torch.log(q), p, reduction='sum') with q_k = p_k = 0", "p": p0, "q": q0,
                  "value": ours, "grad": [0.0, -2.0, -2.0, 0.0], "torch_value": tv, "torch_grad": tg,
                  "note": "PyTorch: NaN in the gradient where q_k = 0 = p_k; exact: 0·ln 0 = 0 and gradient 0"})
    for zz in [z, zbig]:
        v, g = value_grad(lambda x: F.kl_div(F.log_softmax(x, 0), t(p), reduction="sum"), t(zz))
        cases.append({"loss": "kl_forward_logits", "call": "F.kl_div(F.log_softmax(z, 0), p, reduction='sum')", "p": p, "q": zz, "value": v, "grad": g})
        v, g = value_grad(lambda x: torch.sum(torch.softmax(x, 0) * (F.log_softmax(x, 0) - torch.log(t(p)))), t(zz))
        cases.append({"loss": "kl_reverse_logits", "call": "torch.sum(torch.softmax(z, 0) * (F.log_softmax(z, 0) - torch.log(p)))",
                      "p": p, "q": zz, "value": v, "grad": g})
        v, g = value_grad(lambda x: -torch.sum(t(p) * F.log_softmax(x, 0)), t(zz))
        cases.append({"loss": "cross_entropy_logits", "call": "-torch.sum(p * F.log_softmax(z, 0))", "p": p, "q": zz, "value": v, "grad": g})
    write("divergence.json", cases)


# ------------------------------------------------------------------------------------------------- metric
def emb_case(name, call, fn, E, labels, **extra):
    v, g = value_grad(lambda x: fn(x, torch.tensor(labels)), E)
    return {"loss": name, "call": call, "dim": E.shape[1], "embeddings": nums(E), "labels": labels, "value": v, "grad": g, **extra}


def metric():
    cases = []
    # Pairwise and triplet on single vectors.
    a = t([0.3, -1.2, 2.0])
    p = t([0.5, -0.7, 1.1])
    n = t([1.5, 0.2, 2.4])
    for margin in [0.5, 1.0, 3.0]:
        for eps in [0.0, 1e-6]:
            xa, xp, xn = (v.detach().clone().requires_grad_(True) for v in (a, p, n))
            L = F.triplet_margin_loss(xa[None], xp[None], xn[None], margin=margin, eps=eps)
            L.backward()
            cases.append({"loss": "triplet", "params": {"margin": margin, "eps": eps},
                          "call": f"F.triplet_margin_loss(a, p, n, margin={margin}, eps={eps})",
                          "a": nums(a), "p": nums(p), "n": nums(n), "value": num(L.item()),
                          "grad_a": nums(xa.grad), "grad_p": nums(xp.grad), "grad_n": nums(xn.grad)})
    for margin in [1.0, 3.0]:
        for similar in [True, False]:
            for squared in [False, True]:
                x1, x2 = a.detach().clone().requires_grad_(True), p.detach().clone().requires_grad_(True)
                d = torch.linalg.vector_norm(x1 - x2)
                y = 1.0 if similar else 0.0
                k = 2 if squared else 1
                L = y * d ** k + (1 - y) * torch.clamp(margin - d, min=0) ** k
                L.backward()
                cases.append({"loss": "contrastive_pair", "params": {"margin": margin, "similar": similar, "squared": squared},
                              "call": f"y*d**{k} + (1-y)*clamp({margin} - d, min=0)**{k}, d = torch.linalg.vector_norm(x1 - x2)",
                              "a": nums(a), "p": nums(p), "value": num(L.item()), "grad_a": nums(x1.grad), "grad_p": nums(x2.grad)})

    # A labelled batch: 3 classes x 4, 4-D.
    labels = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]
    E = t(rng.normal(0, 1, (12, 4)).round(6).tolist())
    raw = distances.LpDistance(normalize_embeddings=False)
    for margin in [0.2, 1.0]:
        cases.append(emb_case("batch_all", f"losses.TripletMarginLoss(margin={margin})(emb, labels)  # LpDistance(normalize_embeddings=True), AvgNonZeroReducer",
                              lambda x, l, m=margin: losses.TripletMarginLoss(margin=m)(x, l), E, labels,
                              params={"margin": margin, "reduction": "mean_non_zero", "normalize": True}))
        cases.append(emb_case("batch_all", f"losses.TripletMarginLoss(margin={margin}, distance=LpDistance(normalize_embeddings=False), reducer=MeanReducer())(emb, labels)",
                              lambda x, l, m=margin: losses.TripletMarginLoss(margin=m, distance=raw, reducer=reducers.MeanReducer())(x, l), E, labels,
                              params={"margin": margin, "reduction": "mean", "normalize": False}))
        bh = miners.BatchHardMiner(distance=raw)
        cases.append(emb_case("batch_hard", f"losses.TripletMarginLoss(margin={margin}, distance=raw, reducer=MeanReducer())(emb, labels, miners.BatchHardMiner(distance=raw)(emb, labels))",
                              lambda x, l, m=margin: losses.TripletMarginLoss(margin=m, distance=raw, reducer=reducers.MeanReducer())(x, l, bh(x, l)), E, labels,
                              params={"margin": margin, "reduction": "mean", "normalize": False}))
    cases.append(emb_case("batch_contrastive", "losses.ContrastiveLoss()(emb, labels)  # pos_margin 0, neg_margin 1, normalised, AvgNonZeroReducer",
                          lambda x, l: losses.ContrastiveLoss()(x, l), E, labels, params={"pos_margin": 0.0, "neg_margin": 1.0, "normalize": True}))
    cases.append(emb_case("batch_contrastive", "losses.ContrastiveLoss(pos_margin=0.3, neg_margin=2.0, distance=raw)(emb, labels)",
                          lambda x, l: losses.ContrastiveLoss(pos_margin=0.3, neg_margin=2.0, distance=raw)(x, l), E, labels,
                          params={"pos_margin": 0.3, "neg_margin": 2.0, "normalize": False}))
    for m, gamma in [(0.4, 80.0), (0.25, 256.0), (0.25, 512.0)]:
        cases.append(emb_case("batch_circle", f"losses.CircleLoss(m={m}, gamma={gamma})(emb, labels)",
                              lambda x, l, m=m, g=gamma: losses.CircleLoss(m=m, gamma=g)(x, l), E, labels, params={"m": m, "gamma": gamma}))
    for temp in [0.07, 0.5]:
        cases.append(emb_case("ntxent", f"losses.NTXentLoss(temperature={temp})(emb, labels)",
                              lambda x, l, tt=temp: losses.NTXentLoss(temperature=tt)(x, l), E, labels, params={"temperature": temp}))

    # Circle loss on similarity lists, written as pytorch-metric-learning's _compute_loss does it.
    def circle(sp, sn, m, gamma):
        lp = -gamma * torch.relu(1 + m - sp.detach()) * (sp - (1 - m))
        ln = gamma * torch.relu(sn.detach() + m) * (sn - m)
        return F.softplus(torch.logsumexp(ln, 0) + torch.logsumexp(lp, 0), threshold=1e300)
    sp0, sn0 = [0.9, 0.35, 0.6], [0.1, -0.3, 0.45, 0.7]
    for m, gamma in [(0.25, 256.0), (0.4, 80.0), (0.25, 512.0), (0.25, 1.0)]:
        sp, sn = t(sp0, True), t(sn0, True)
        L = circle(sp, sn, m, gamma)
        L.backward()
        cases.append({"loss": "circle_pair", "params": {"m": m, "gamma": gamma},
                      "call": f"F.softplus(logsumexp(gamma*relu(sn.detach()+m)*(sn-m)) + logsumexp(-gamma*relu(1+m-sp.detach())*(sp-1+m))), m={m}, gamma={gamma}",
                      "s_p": sp0, "s_n": sn0, "value": num(L.item()), "grad_p": nums(sp.grad), "grad_n": nums(sn.grad)})
        # alpha not detached: the comparison gradient.
        sp, sn = t(sp0, True), t(sn0, True)
        lp = -gamma * torch.relu(1 + m - sp) * (sp - (1 - m))
        ln = gamma * torch.relu(sn + m) * (sn - m)
        L = F.softplus(torch.logsumexp(ln, 0) + torch.logsumexp(lp, 0), threshold=1e300)
        L.backward()
        cases.append({"loss": "circle_pair_alpha_grad", "params": {"m": m, "gamma": gamma},
                      "call": "same as circle_pair without .detach() on alpha",
                      "s_p": sp0, "s_n": sn0, "value": num(L.item()), "grad_p": nums(sp.grad), "grad_n": nums(sn.grad)})

    # Miner categories on a batch with exact ties: integer coordinates, Pythagorean distances.
    # Anchor 0 = (0,0), positive 1 = (3,4): d_ap = 5. Negatives: (5,0) d = 5 (t = 0: hard, tie),
    # (0,6) d = 6 (t = 1 = margin: semi-hard, loss 0), (0,-5.5) d = 5.5 (semi-hard), (8,0) d = 8 (easy).
    tie_pts = [[0, 0], [3, 4], [5, 0], [0, 6], [0, -5.5], [8, 0]]
    tie_labels = [0, 0, 1, 1, 1, 1]
    TE = t(tie_pts)
    TL = torch.tensor(tie_labels)
    for kind in ["all", "hard", "semihard", "easy"]:
        miner = miners.TripletMarginMiner(margin=1.0, type_of_triplets=kind, distance=raw)
        a_i, p_i, n_i = miner(TE, TL)
        trip = sorted(zip(a_i.tolist(), p_i.tolist(), n_i.tolist()))
        cases.append({"loss": "miner", "params": {"margin": 1.0, "kind": kind},
                      "call": f"miners.TripletMarginMiner(margin=1.0, type_of_triplets='{kind}', distance=LpDistance(normalize_embeddings=False))(emb, labels)",
                      "dim": 2, "embeddings": nums(TE), "labels": tie_labels, "triplets": [list(x) for x in trip]})
    a_i, p_i, n_i = miners.BatchHardMiner(distance=raw)(E, torch.tensor(labels))
    cases.append({"loss": "miner", "params": {"kind": "batch_hard"}, "call": "miners.BatchHardMiner(distance=LpDistance(normalize_embeddings=False))(emb, labels)",
                  "dim": 4, "embeddings": nums(E), "labels": labels,
                  "triplets": [list(x) for x in sorted(zip(a_i.tolist(), p_i.tolist(), n_i.tolist()))]})
    write("metric.json", cases)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    regression()
    binary()
    multiclass()
    multilabel()
    divergence()
    metric()
