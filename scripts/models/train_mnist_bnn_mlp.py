#!/usr/bin/python3
"""mnist_bnn_mlp: Larq BinaryNet-style MLP on MNIST, exported at opset 13.

  Reshape[-1,784] (NHWC input, Keras Flatten)
  QuantDense 784->384 (real input, +-1 kernel) -> BN(Mul+Add)
  QuantDense 384->384 (ste_sign input, +-1 kernel) -> BN(Mul+Add)
  QuantDense 384->10  (ste_sign input, +-1 kernel) -> BN(Mul+Add) -> Softmax
Hidden width 384 (not 512) keeps the float32 +-1 kernels under 2 MB.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train_common as tc  # noqa: E402
from ste import BatchNorm, FlattenNHWC, LarqSequential, QuantDense  # noqa: E402

HIDDEN = 384


def build():
    return LarqSequential(
        FlattenNHWC(),
        QuantDense(784, HIDDEN, input_quantizer=None, kernel_quantizer="ste_sign"),
        BatchNorm(HIDDEN),
        QuantDense(HIDDEN, HIDDEN, input_quantizer="ste_sign", kernel_quantizer="ste_sign"),
        BatchNorm(HIDDEN),
        QuantDense(HIDDEN, 10, input_quantizer="ste_sign", kernel_quantizer="ste_sign"),
        BatchNorm(10),
    )


DESCRIPTION = (
    "Larq-style binary MLP 784-%d-%d-10 on MNIST (opset 13): QuantDense layers with +-1 kernels "
    "(first layer real-valued input, later layers ste_sign inputs), BatchNormalization after each "
    "Dense as Mul+Add, Softmax." % (HIDDEN, HIDDEN))
PATTERNS = [
    "graph input NHWC [unk__0,28,28,1]",
    "Flatten as Reshape(int64 [-1,784]) directly on the NHWC input",
    "QuantDense with real-valued input and +-1 MatMul kernel [in,out]",
    "ste_sign input quantizer: Sign -> Add(0-d f32 0.1) -> Sign",
    "QuantDense with ste_sign input and +-1 MatMul kernel",
    "2-D BatchNormalization as Mul(init[C]) -> Add(init[C])",
    "Softmax",
]


if __name__ == "__main__":
    tc.main_for("mnist_bnn_mlp", "mnist", 13, build, DESCRIPTION, PATTERNS, tc.mnist_augment,
                tc.MNIST_AUG_DESC, epochs=30, lr=3e-2)
