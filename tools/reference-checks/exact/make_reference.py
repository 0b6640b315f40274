"""Writes the book's reference set: exact results of every loss and activation function.

For a few hundred inputs of each function of Chapters 2 to 6, ordinary ones and the edges
(logits of ±1000 and ±710, ties, tiny probabilities, one-hot targets, subnormal numbers, masked
classes), this script computes the function's value from its mathematical definition in
arbitrary precision (mpmath, 1500 bits), rounds it correctly to the nearest float64, and writes
inputs and results to `reference.tsv`. The test crate beside it (`tests/reference.rs`) reads that
file and asserts that the book's functions are within their ulp bound on every case; the test
suite never runs Python.

    /work/pyenv/bin/python tools/reference-checks/exact/make_reference.py

Every input is a float64 generated here, written with `repr` (the shortest decimal that reads back
as the same double), so the Rust side parses exactly the same number. Each result is computed
twice, at 1500 and at 2500 bits, and rounded to float64 through `fractions.Fraction` (Python's
integer division rounds correctly, subnormal results included); the two must agree.

Line format (tab-separated): FUNCTION  TAG  ARG...  =>  RESULT
A list is comma-separated, a matrix has its rows separated by `;`, `-` is "none". A RESULT of
`overflow` marks a case whose exact value is finite but above the largest float64: the book's
function must report it as an error.
"""

import math
import platform
import random
import sys
from fractions import Fraction

import mpmath
from mpmath import mp, mpf

PRECISIONS = (1500, 2500)
SEED = 20261201
OUT = __file__.rsplit("/", 1)[0] + "/reference.tsv"

INF = math.inf


# ---------------------------------------------------------------------------------------------
# Exact arithmetic helpers.

def exact(x):
    """A float as an mpf, exactly (mpmath converts doubles without rounding)."""
    return mpf(x)


def to_float(v):
    """The float64 nearest to the mpf v (ties to even), through an exact rational."""
    if mpmath.isinf(v):
        return INF if v > 0 else -INF
    if v == 0:
        return 0.0
    sign, man, exp, _ = v._mpf_  # v = (-1)^sign * man * 2^exp
    man = -man if sign else man
    # Far outside the range of float64 (beyond 2^±1100) the result is 0 or inf; an exact
    # rational there could have more digits than memory holds.
    if exp + man.bit_length() < -1100:
        return 0.0 if v > 0 else -0.0
    if exp + man.bit_length() > 1100:
        return INF if v > 0 else -INF
    frac = Fraction(man) * (Fraction(2) ** exp)
    try:
        return float(frac)
    except OverflowError:
        return INF if frac > 0 else -INF


def exp(x):
    return mpmath.exp(x)


def log(x):
    return mpmath.log(x) if x != 0 else mpf("-inf")


def ln_base(base):
    return {"bits": mpmath.log(2), "nats": mpf(1), "bans": mpmath.log(10)}[base]


def sigma(z):
    return 1 / (1 + exp(-z))


def log_sigma(z):
    # ln σ(z) = -ln(1 + e^(-z)); at 1500 bits 1 + e^(-z) keeps e^(-z) for |z| below ~1000,
    # and log1p keeps it everywhere.
    return -mpmath.log1p(exp(-z))


def softmax(z):
    e = [exp(v) for v in z]
    s = sum(e)
    return [v / s for v in e]


def logsumexp(z):
    m = max(z)
    return m + log(sum(exp(v - m) for v in z))


def log_softmax(z):
    lse = logsumexp(z)
    return [v - lse for v in z]


# ---------------------------------------------------------------------------------------------
# The functions, from their definitions. Each takes float inputs and returns an mpf or a list.

def f_sigmoid(z):
    return sigma(exact(z))


def f_sigmoid_derivative(z):
    s = sigma(exact(z))
    return s * (1 - s)


def f_softplus(z):
    z = exact(z)
    return mpmath.log1p(exp(z)) if z <= 0 else z + mpmath.log1p(exp(-z))


def f_log_sigmoid(z):
    return log_sigma(exact(z))


def f_logistic(margin):
    return f_softplus(-margin)


def f_logsumexp(z):
    return logsumexp([exact(v) for v in z])


def f_softmax(z):
    return softmax([exact(v) for v in z])


def f_log_softmax(z):
    return log_softmax([exact(v) for v in z])


def f_softmax_t(z, t):
    # The temperature divides each logit in float64 (one rounding, as in every framework);
    # the softmax of those quotients is the exact value the book's function must approach.
    return softmax([exact(v / t) for v in z])


def f_surprise(p, base):
    return -log(exact(p)) / ln_base(base)


def f_entropy(p, base):
    return -sum(exact(v) * log(exact(v)) for v in p if v > 0) / ln_base(base)


def f_cross_entropy(p, q, base):
    return -sum(exact(a) * log(exact(b)) for a, b in zip(p, q) if a > 0) / ln_base(base)


def f_kl(p, q, base):
    return sum(exact(a) * log(exact(a) / exact(b)) for a, b in zip(p, q) if a > 0) / ln_base(base)


class SumOverflows(Exception):
    """The per-sample losses are finite but their sum is above the largest float64: the book
    reports that as an error, for a sum and for a mean alike."""


F64_MAX = mpf(sys.float_info.max)


def total(terms):
    t = sum(terms)
    finite = not mpmath.isinf(t) and all(not mpmath.isinf(v) for v in terms)
    if finite and math.isinf(to_float(t)):
        raise SumOverflows
    return t


def bce_term(p, y):
    p, y = exact(p), exact(y)
    pos = y * log(p) if y > 0 else 0
    neg = (1 - y) * mpmath.log1p(-p) if y < 1 else 0
    return -(pos + neg)


def bce_logit_term(z, y, pos_weight=1):
    z, y = exact(z), exact(y)
    pos = exact(pos_weight) * y * log_sigma(z) if y > 0 else 0
    neg = (1 - y) * log_sigma(-z) if y < 1 else 0
    return -(pos + neg)


def f_bce(p, y):
    return total([bce_term(a, b) for a, b in zip(p, y)]) / len(p)


def f_bce_terms(p, y):
    return [bce_term(a, b) for a, b in zip(p, y)]


def f_bce_with_logits(z, y):
    return total([bce_logit_term(a, b) for a, b in zip(z, y)]) / len(z)


def f_bce_with_logits_terms(z, y):
    return [bce_logit_term(a, b) for a, b in zip(z, y)]


def f_bce_with_logits_grad(z, y):
    return [(sigma(exact(a)) - exact(b)) / len(z) for a, b in zip(z, y)]


def reduce(terms, reduction, denominator):
    if reduction == "none":
        return terms
    t = total(terms)
    return t if reduction == "sum" else t / denominator


def f_bce_options(p, y, weight, pos_weight, reduction):
    w = weight if weight is not None else [1.0] * len(p)
    terms = []
    for a, b, c in zip(p, y, w):
        a, b = exact(a), exact(b)
        pos = exact(pos_weight) * b * log(a) if b > 0 else 0
        neg = (1 - b) * mpmath.log1p(-a) if b < 1 else 0
        terms.append(0 if c == 0 else -exact(c) * (pos + neg))
    return reduce(terms, reduction, len(p))


def f_bce_logits_options(z, y, weight, pos_weight, reduction):
    w = weight if weight is not None else [1.0] * len(z)
    terms = [exact(c) * bce_logit_term(a, b, pos_weight) for a, b, c in zip(z, y, w)]
    return reduce(terms, reduction, len(z))


def f_nll(p, base):
    return -sum(log(exact(v)) for v in p) / log(exact(base))


def f_categorical(P, Y):
    total = 0
    for prow, yrow in zip(P, Y):
        total += sum(-exact(y) * log(exact(p)) for p, y in zip(prow, yrow) if y > 0)
    return total / len(P)


def f_ce_terms(Z, classes):
    return [-log_softmax([exact(v) for v in z])[c] for z, c in zip(Z, classes)]


def f_ce(Z, classes):
    return total(f_ce_terms(Z, classes)) / len(Z)


def f_ce_grad(Z, classes):
    out = []
    for z, c in zip(Z, classes):
        p = softmax([exact(v) for v in z])
        out.append([(pj - (1 if j == c else 0)) / len(Z) for j, pj in enumerate(p)])
    return out


def f_ce_options(Z, classes, weight, smoothing, reduction, ignore):
    K = len(Z[0])
    w = [exact(v) for v in (weight if weight is not None else [1.0] * K)]
    eps = exact(smoothing)
    terms, denominator = [], 0
    for z, t in zip(Z, classes):
        if ignore is not None and t == ignore:
            terms.append(mpf(0))
            continue
        lp = log_softmax([exact(v) for v in z])
        loss = (1 - eps) * w[t] * -lp[t]
        if smoothing > 0:
            loss += eps / K * sum(wc * -l for wc, l in zip(w, lp))
        terms.append(loss)
        denominator += w[t]
    return reduce(terms, reduction, denominator)


def f_soft_targets(Z, Y, weight, smoothing, reduction):
    K = len(Z[0])
    w = [exact(v) for v in (weight if weight is not None else [1.0] * K)]
    eps = exact(smoothing)
    terms = []
    for z, y in zip(Z, Y):
        lp = log_softmax([exact(v) for v in z])
        yy = [(1 - eps) * exact(v) + eps / K for v in y]
        terms.append(sum(-wc * yc * l for wc, yc, l in zip(w, yy, lp) if yc > 0))
    return reduce(terms, reduction, len(Z))


# ---------------------------------------------------------------------------------------------
# Inputs.

rng = random.Random(SEED)

EDGE_LOGITS = [
    0.0, 5e-324, -5e-324, 2.2250738585072014e-308, -2.2250738585072014e-308, 1e-300, -1e-300,
    1e-17, -1e-17, 1e-8, -1e-8, 0.1, -0.1, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 5.0, -5.0,
    16.0, -16.0, 16.6, -16.6, 17.0, -17.0, 20.0, -20.0, 36.0, -36.0, 36.7368005696771,
    -36.7368005696771, 37.0, -37.0, 40.0, -40.0, 100.0, -100.0, 700.0, -700.0, 708.4, -708.4,
    709.78, -709.78, 710.0, -710.0, 745.0, -745.0, 746.0, -746.0, 1000.0, -1000.0, 1e10, -1e10,
    1e300, -1e300, 1.7976931348623157e308, -1.7976931348623157e308,
]


def random_logit():
    kind = rng.randrange(4)
    if kind == 0:
        return rng.uniform(-10, 10)
    if kind == 1:
        return rng.uniform(-40, 40)
    if kind == 2:
        return rng.uniform(-800, 800)
    return rng.choice([-1, 1]) * 10 ** rng.uniform(-20, 3)


def scalar_logits(n_random):
    return EDGE_LOGITS + [random_logit() for _ in range(n_random)]


EDGE_ROWS = [
    [1000.0, 1000.0, 1000.0], [1000.0, 1000.0], [-1000.0, -1000.0, -1000.0], [710.0, 709.0],
    [709.0, 710.0], [-710.0, -709.0], [1000.0, 999.0], [-1000.0, -1001.0], [0.0, -1000.0],
    [2.0, 1.0, -1.0], [12.0, 11.0, 9.0], [-98.0, -99.0, -101.0], [0.0, 0.0], [5.5, 5.5, 5.5, 5.5],
    [1e-3, 1e-3, 1e-3], [100.0, 100.0, 99.0], [-100.0, -100.0, -100.0, -100.0, -100.0],
    [1e5, 1e5, 1e5], [1e300, 1e300], [1e300, -1e300], [710.0, 710.0 - 1e-13],
    [1000.0, 1000.0 - 2 ** -43, 1000.0], [5.0], [-1000.0], [5e-324, 0.0, -5e-324],
    [2.0, 1.0, -INF], [-INF, 0.0], [1000.0, -INF, 1000.0], [-INF, -INF, 3.0],
    [30.1, 0.2], [600.0, 0.3], [700.3, 0.1], [0.3, -29.7, 0.3], [1.0, 1e-16, -1e-16],
    [-0.5, -0.5], [-0.7, -0.7], [-0.69, 0.0, -0.69], [36.0, 0.0], [-745.0, 0.0], [745.0, 0.0],
]


def random_row(k=None):
    k = k or rng.randrange(2, 7)
    scale = rng.choice([1.0, 3.0, 10.0, 100.0])
    offset = rng.choice([0.0, 0.0, 50.0, -50.0, 700.0, -700.0, 1e4])
    row = [offset + rng.gauss(0, scale) for _ in range(k)]
    if rng.random() < 0.2:
        # A tie for the maximum.
        i, j = rng.sample(range(k), 2) if k > 1 else (0, 0)
        row[j] = row[i] = max(row)
    if rng.random() < 0.1 and k > 2:
        row[rng.randrange(k)] = -INF
    return row


def rows(n_random):
    wide = [[rng.gauss(0, scale) for _ in range(k)] for k, scale in
            [(100, 1.0), (100, 10.0), (1000, 1.0), (1000, 3.0)]]
    return EDGE_ROWS + [random_row() for _ in range(n_random)] + wide


def normalised(raw):
    s = math.fsum(raw)
    return [v / s for v in raw]


def random_distribution(k=None):
    k = k or rng.randrange(2, 8)
    kind = rng.randrange(4)
    if kind == 0:
        raw = [rng.random() for _ in range(k)]
    elif kind == 1:
        raw = [10 ** rng.uniform(-12, 0) for _ in range(k)]
    elif kind == 2 and k > 1:
        raw = [rng.random() for _ in range(k)]
        raw[rng.randrange(k)] = 0.0
    else:
        raw = [rng.expovariate(1.0) for _ in range(k)]
    return normalised(raw)


EDGE_DISTRIBUTIONS = [
    [1.0], [0.5, 0.5], [1.0, 0.0, 0.0], [0.0, 1.0], [0.25, 0.25, 0.25, 0.25], [0.7, 0.2, 0.1],
    [1.0, 5e-324], [1.0 - 2 ** -53, 2 ** -53], [0.9999999999, 1e-10], [0.5, 0.5 - 1e-17, 1e-17],
    [1 / 3, 1 / 3, 1 / 3], [1e-300, 1.0],
]


def close_to(p, delta):
    """A distribution near p: each nonzero entry moved by a relative amount up to delta."""
    return normalised([v * (1 + rng.uniform(-delta, delta)) for v in p])


def dyadic_pair(k, delta):
    """Two distributions that each sum to exactly 1: every entry a multiple of 2^-52, q moved
    from p by about delta (relative), the moves adding up to 0."""
    scale = 2 ** 52
    raw = [rng.random() + 1e-3 for _ in range(k)]
    ints = [int(v / sum(raw) * scale) for v in raw]
    ints[0] += scale - sum(ints)
    moves = [int(round(rng.uniform(-delta, delta) * n)) for n in ints]
    moves[0] -= sum(moves)
    q_ints = [a + b for a, b in zip(ints, moves)]
    if min(q_ints) <= 0:
        q_ints = ints
    return [n / scale for n in ints], [n / scale for n in q_ints]


def distribution_pairs(n_random):
    pairs = [
        ([0.7, 0.2, 0.1], [0.7, 0.2, 0.1]), ([0.7, 0.2, 0.1], [0.6, 0.3, 0.1]),
        ([0.7, 0.2, 0.1], [1 / 3, 1 / 3, 1 / 3]), ([0.7, 0.2, 0.1], [0.1, 0.5, 0.4]),
        ([0.5, 0.5], [0.5 + 1e-6, 0.5 - 1e-6]), ([0.5, 0.5], [0.5 + 1e-12, 0.5 - 1e-12]),
        ([0.5, 0.3, 0.2], [0.45, 0.33, 0.22]), ([0.9, 0.1], [0.1, 0.9]),
        ([1.0, 0.0], [0.5, 0.5]), ([0.5, 0.5], [1.0 - 1e-300, 1e-300]),
        ([0.5, 0.5], [1.0, 5e-324]), ([1e-300, 1.0], [0.5, 0.5]), ([0.0, 1.0], [0.3, 0.7]),
        ([0.25, 0.75], [0.8, 0.2]), ([0.2, 0.8], [0.2, 0.8]), ([1.0], [1.0]),
    ]
    for _ in range(n_random):
        p = random_distribution()
        kind = rng.randrange(3)
        if kind == 0:
            q = random_distribution(len(p))
        else:
            q = close_to(p, rng.choice([0.5, 0.3, 0.1, 1e-2, 1e-4, 1e-8, 1e-12]))
            # q must not give 0 where p does not.
            q = [b if b > 0 or a == 0 else 1e-3 for a, b in zip(p, q)]
            q = normalised(q)
        pairs.append((p, q))
    for _ in range(60):
        k = rng.randrange(2, 8)
        pairs.append(dyadic_pair(k, rng.choice([0.5, 0.1, 1e-3, 1e-6, 1e-9, 1e-12])))
    return pairs


EDGE_PROBS = [0.0, 1.0, 0.5, 5e-324, 1e-300, 1e-17, 1e-8, 0.1, 0.9, 1 - 2 ** -53, 1 - 1e-8,
              0.7310585786300049]


def random_prob():
    kind = rng.randrange(3)
    if kind == 0:
        return rng.random()
    if kind == 1:
        return 10 ** rng.uniform(-300, 0)
    return 1 - 10 ** rng.uniform(-16, 0)


def random_target(soft):
    return rng.random() if soft else float(rng.randrange(2))


def fmt(x):
    """One float, losslessly."""
    if isinstance(x, int):
        return str(x)
    return repr(float(x))


def fmt_list(xs):
    return "-" if xs is None else ",".join(fmt(x) for x in xs)


def fmt_matrix(m):
    return ";".join(fmt_list(r) for r in m)


# ---------------------------------------------------------------------------------------------
# Cases: (function, tag, [formatted args], callable giving the exact result).

cases = []


def case(function, tag, args, compute):
    cases.append((function, tag, args, compute))


def build_cases():
    for i, z in enumerate(scalar_logits(240)):
        tag = "edge" if i < len(EDGE_LOGITS) else "random"
        for name, f in [("sigmoid", f_sigmoid), ("sigmoid_derivative", f_sigmoid_derivative),
                        ("softplus", f_softplus), ("log_sigmoid", f_log_sigmoid),
                        ("logistic", f_logistic)]:
            case(name, tag, [fmt(z)], lambda f=f, z=z: f(z))
    for z in [INF, -INF]:
        for name, f in [("sigmoid", f_sigmoid), ("softplus", f_softplus),
                        ("log_sigmoid", f_log_sigmoid)]:
            case(name, "infinite", [fmt(z)], lambda f=f, z=z: f(z))

    all_rows = rows(260)
    for i, z in enumerate(all_rows):
        tag = "edge" if i < len(EDGE_ROWS) else "random"
        if -INF in z:
            tag = "masked"
        if max(z) - min(v for v in z if v > -INF) > 1e308:
            continue  # log-probabilities below -f64::MAX are an overflow error, not a value
        case("logsumexp", tag, [fmt_list(z)], lambda z=z: f_logsumexp(z))
        case("softmax_rows", tag, [fmt_list(z)], lambda z=z: f_softmax(z))
        case("log_softmax_rows", tag, [fmt_list(z)], lambda z=z: f_log_softmax(z))
    for z in all_rows[:60:2] + [random_row() for _ in range(60)]:
        if max(abs(v) for v in z if v > -INF) > 1e6:
            continue
        t = rng.choice([0.25, 0.5, 2.0, 10.0, 0.3, 7.1, 1e-3, 1e3])
        case("softmax_with_temperature", "random", [fmt_list(z), fmt(t)],
             lambda z=z, t=t: f_softmax_t(z, t))

    probs = EDGE_PROBS + [random_prob() for _ in range(200)]
    for i, p in enumerate(probs):
        tag = "edge" if i < len(EDGE_PROBS) else "random"
        base = ["bits", "nats", "bans"][i % 3]
        case("surprise", tag, [fmt(p), base], lambda p=p, b=base: f_surprise(p, b))

    dists = EDGE_DISTRIBUTIONS + [random_distribution() for _ in range(200)]
    dists += [random_distribution(k) for k in [50, 200, 1000]]
    for i, p in enumerate(dists):
        tag = "edge" if i < len(EDGE_DISTRIBUTIONS) else "random"
        base = ["bits", "nats", "bans"][i % 3]
        case("entropy", tag, [fmt_list(p), base], lambda p=p, b=base: f_entropy(p, b))

    for i, (p, q) in enumerate(distribution_pairs(260)):
        tag = "edge" if i < 16 else "random"
        base = ["nats", "bits", "bans"][i % 3]
        if any(b == 0 and a > 0 for a, b in zip(p, q)):
            continue
        case("cross_entropy", tag, [fmt_list(p), fmt_list(q), base],
             lambda p=p, q=q, b=base: f_cross_entropy(p, q, b))
        # KL of rounded distributions whose sums differ by more than the divergence itself
        # measures that rounding gap rather than a divergence (it can even be negative); the
        # book's bound is for distributions, so those pairs are left out. (The dyadic pairs sum
        # to exactly 1.)
        mp.prec = PRECISIONS[0]
        gap = abs(sum(exact(a) for a in p) - sum(exact(b) for b in q))
        if gap > abs(f_kl(p, q, "nats")) / 8:
            continue
        case("kl_divergence", tag, [fmt_list(p), fmt_list(q), base],
             lambda p=p, q=q, b=base: f_kl(p, q, b))

    # Binary cross-entropy from probabilities: every edge probability against both labels,
    # then random batches with hard and soft targets.
    for p in EDGE_PROBS:
        for y in [0.0, 1.0, 0.3]:
            case("bce", "edge", [fmt_list([p]), fmt_list([y])], lambda p=p, y=y: f_bce([p], [y]))
    for _ in range(220):
        n = rng.randrange(1, 7)
        soft = rng.random() < 0.3
        p = [rng.choice(EDGE_PROBS) if rng.random() < 0.2 else random_prob() for _ in range(n)]
        y = [random_target(soft) for _ in range(n)]
        # A certain mistake costs inf; keep those to the edge cases above.
        y = [b if not ((a == 0 and b > 0) or (a == 1 and b < 1)) else (0.0 if a == 0 else 1.0)
             for a, b in zip(p, y)]
        case("bce", "soft" if soft else "random", [fmt_list(p), fmt_list(y)],
             lambda p=p, y=y: f_bce(p, y))
        case("bce_terms", "soft" if soft else "random", [fmt_list(p), fmt_list(y)],
             lambda p=p, y=y: f_bce_terms(p, y))

    for n in [64, 256, 1024]:
        p = [random_prob() for _ in range(n)]
        y = [random_target(n == 256) for _ in range(n)]
        y = [b if not ((a == 0 and b > 0) or (a == 1 and b < 1)) else (0.0 if a == 0 else 1.0)
             for a, b in zip(p, y)]
        case("bce", "large", [fmt_list(p), fmt_list(y)], lambda p=p, y=y: f_bce(p, y))

    logits = scalar_logits(0)
    for z in [[1.7976931348623157e308, 1.7976931348623157e308], [1e308, 5e307, 1e308],
              [-1.7976931348623157e308, 1e308]]:
        y = [0.0] * (len(z) - 1) + [1.0]
        case("bce_with_logits", "overflow", [fmt_list(z), fmt_list([0.0] * len(z))],
             lambda z=z: f_bce_with_logits(z, [0.0] * len(z)))
        case("bce_with_logits_options", "overflow",
             [fmt_list(z), fmt_list(y), "-", "1.0", "sum"],
             lambda z=z, y=y: f_bce_logits_options(z, y, None, 1.0, "sum"))
    for n in [64, 256, 1024]:
        z = [random_logit() for _ in range(n)]
        y = [random_target(n == 256) for _ in range(n)]
        case("bce_with_logits", "large", [fmt_list(z), fmt_list(y)],
             lambda z=z, y=y: f_bce_with_logits(z, y))
    for z in logits:
        for y in [0.0, 1.0]:
            case("bce_with_logits", "edge", [fmt_list([z]), fmt_list([y])],
                 lambda z=z, y=y: f_bce_with_logits([z], [y]))
            case("bce_with_logits_grad", "edge", [fmt_list([z]), fmt_list([y])],
                 lambda z=z, y=y: f_bce_with_logits_grad([z], [y]))
    for _ in range(220):
        n = rng.randrange(1, 7)
        soft = rng.random() < 0.3
        z = [rng.choice(logits) if rng.random() < 0.2 else random_logit() for _ in range(n)]
        y = [random_target(soft) for _ in range(n)]
        tag = "soft" if soft else "random"
        case("bce_with_logits", tag, [fmt_list(z), fmt_list(y)],
             lambda z=z, y=y: f_bce_with_logits(z, y))
        case("bce_with_logits_terms", tag, [fmt_list(z), fmt_list(y)],
             lambda z=z, y=y: f_bce_with_logits_terms(z, y))
        case("bce_with_logits_grad", tag, [fmt_list(z), fmt_list(y)],
             lambda z=z, y=y: f_bce_with_logits_grad(z, y))

    # PyTorch's options of binary cross-entropy: a weight per sample, a weight for positives.
    for _ in range(200):
        n = rng.randrange(1, 6)
        soft = rng.random() < 0.3
        z = [rng.choice(logits) if rng.random() < 0.2 else random_logit() for _ in range(n)]
        p = [rng.choice(EDGE_PROBS[2:]) if rng.random() < 0.2 else random_prob()
             for _ in range(n)]
        p = [min(max(v, 1e-300), 1 - 2 ** -53) for v in p]
        y = [random_target(soft) for _ in range(n)]
        weight = None if rng.random() < 0.3 else [rng.choice([0.0, 0.5, 1.0, 2.5, rng.random()])
                                                 for _ in range(n)]
        pos_weight = rng.choice([1.0, 3.0, 0.5, 0.1])
        reduction = rng.choice(["none", "sum", "mean"])
        args = [fmt_list(y), fmt_list(weight), fmt(pos_weight), reduction]
        case("bce_with_logits_options", "random", [fmt_list(z)] + args,
             lambda z=z, y=y, w=weight, pw=pos_weight, r=reduction:
             f_bce_logits_options(z, y, w, pw, r))
        case("bce_options", "random", [fmt_list(p)] + args,
             lambda p=p, y=y, w=weight, pw=pos_weight, r=reduction:
             f_bce_options(p, y, w, pw, r))

    for i, p in enumerate(probs[:200]):
        n = rng.randrange(1, 6)
        batch = [p] + [random_prob() for _ in range(n - 1)]
        batch = [v if v > 0 else 1e-300 for v in batch]
        base = [math.e, 2.0, 10.0][i % 3]
        case("negative_log_likelihood", "edge" if i < len(EDGE_PROBS) else "random",
             [fmt_list(batch), fmt(base)], lambda b=batch, base=base: f_nll(b, base))

    # Categorical cross-entropy from probabilities, one-hot and soft targets.
    for i in range(220):
        n = rng.randrange(1, 5)
        k = rng.randrange(2, 6)
        P = [random_distribution(k) for _ in range(n)]
        soft = i % 3 == 0
        if soft:
            Y = [random_distribution(k) for _ in range(n)]
        else:
            Y = [[1.0 if j == rng.randrange(k) else 0.0 for j in range(k)] for _ in range(n)]
        # A target on a class the model rules out costs inf: leave those out.
        if any(y > 0 and p == 0 for pr, yr in zip(P, Y) for p, y in zip(pr, yr)):
            continue
        case("categorical_cross_entropy", "soft" if soft else "onehot",
             [fmt_matrix(P), fmt_matrix(Y)], lambda P=P, Y=Y: f_categorical(P, Y))

    # Cross-entropy from logits: batches of the rows above with random targets.
    pool = [r for r in all_rows if max(r) - min(v for v in r if v > -INF) < 1e308]
    batches = [[r] for r in pool[:len(EDGE_ROWS)]]
    for _ in range(220):
        k = rng.randrange(2, 6)
        batches.append([random_row(k) for _ in range(rng.randrange(1, 5))])
    for n in [64, 256]:
        batches.append([random_row(4) for _ in range(n)])
    for i, Z in enumerate(batches):
        # The target is mostly a class that is not masked; now and then the top one.
        classes = []
        for z in Z:
            open_ = [j for j, v in enumerate(z) if v > -INF]
            classes.append(z.index(max(z)) if rng.random() < 0.3 else rng.choice(open_))
        tag = "edge" if i < len(EDGE_ROWS) else "random"
        if any(-INF in z for z in Z):
            tag = "masked"
        args = [fmt_matrix(Z), fmt_list(classes)]
        case("cross_entropy_terms_with_logits", tag, args,
             lambda Z=Z, c=classes: f_ce_terms(Z, c))
        case("cross_entropy_with_logits", tag, args, lambda Z=Z, c=classes: f_ce(Z, c))
        case("cross_entropy_with_logits_grad", tag, args, lambda Z=Z, c=classes: f_ce_grad(Z, c))
        # The options of CrossEntropyLoss, on the same batch.
        K = len(Z[0])
        weight = None if rng.random() < 0.3 else [rng.choice([0.5, 1.0, 2.0, 3.0, rng.random()])
                                                 for _ in range(K)]
        smoothing = rng.choice([0.0, 0.0, 0.1, 0.25])
        if smoothing > 0 and tag == "masked":
            smoothing = 0.0  # a smoothed target on a masked class costs inf
        reduction = rng.choice(["none", "sum", "mean"])
        ignore = None
        if len(Z) > 1 and rng.random() < 0.3:
            ignore = classes[0] if rng.random() < 0.5 else 99
        if reduction == "mean" and ignore is not None and all(c == ignore for c in classes):
            ignore = None
        case("cross_entropy_with_options", tag,
             args + [fmt_list(weight), fmt(smoothing), reduction,
                     "-" if ignore is None else str(ignore)],
             lambda Z=Z, c=classes, w=weight, s=smoothing, r=reduction, ig=ignore:
             f_ce_options(Z, c, w, s, r, ig))
        # Soft targets, with and without options (no target mass on a masked class).
        Y = []
        for z in Z:
            y = random_distribution(K)
            y = [v if z[j] > -INF else 0.0 for j, v in enumerate(y)]
            if sum(y) == 0:
                y[z.index(max(z))] = 1.0
            y = normalised(y)
            Y.append(y)
        case("cross_entropy_soft_targets", tag, [fmt_matrix(Z), fmt_matrix(Y)],
             lambda Z=Z, Y=Y: f_soft_targets(Z, Y, None, 0.0, "mean"))
        case("cross_entropy_soft_targets_with_options", tag,
             [fmt_matrix(Z), fmt_matrix(Y), fmt_list(weight), fmt(smoothing), reduction],
             lambda Z=Z, Y=Y, w=weight, s=smoothing, r=reduction:
             f_soft_targets(Z, Y, w, s, r))


def overflows(value):
    """Whether a finite exact result is too large for float64."""
    values = value if isinstance(value, list) else [value]
    flat = [v for row in values for v in (row if isinstance(row, list) else [row])]
    return any(not mpmath.isinf(v) and math.isinf(to_float(v)) for v in flat)


def result_text(value):
    if overflows(value):
        return "overflow"
    if isinstance(value, list):
        if value and isinstance(value[0], list):
            return ";".join(",".join(fmt(to_float(v)) for v in row) for row in value)
        return ",".join(fmt(to_float(v)) for v in value)
    return fmt(to_float(value))


def main():
    build_cases()
    lines = []
    for n, (function, tag, args, compute) in enumerate(cases):
        if n % 500 == 0:
            print(f"{n} of {len(cases)} cases", flush=True)
        results = []
        for prec in PRECISIONS:
            mp.prec = prec
            try:
                results.append(result_text(compute()))
            except SumOverflows:
                results.append("overflow")
        if results[0] != results[1]:
            sys.exit(f"{function} {args}: {results[0]} at {PRECISIONS[0]} bits, "
                     f"{results[1]} at {PRECISIONS[1]}")
        lines.append("\t".join([function, tag] + args + ["=>", results[0]]))
    counts = {}
    for function, *_ in cases:
        counts[function] = counts.get(function, 0) + 1
    with open(OUT, "w") as out:
        out.write("# The book's reference set: exact results, correctly rounded to float64.\n")
        out.write(f"# Written by make_reference.py (Python {platform.python_version()}, "
                  f"mpmath {mpmath.__version__}, {PRECISIONS[0]} and {PRECISIONS[1]} bits, "
                  f"seed {SEED}).\n")
        out.write("# FUNCTION<TAB>TAG<TAB>ARG...<TAB>=><TAB>RESULT; lists are comma-separated, "
                  "matrix rows ;-separated, - is none, overflow: finite but above f64::MAX.\n")
        out.write("# Cases per function: " + ", ".join(f"{k} {v}" for k, v in counts.items())
                  + "\n")
        for line in lines:
            out.write(line + "\n")
    print(f"{len(lines)} cases written to {OUT}")


if __name__ == "__main__":
    main()
