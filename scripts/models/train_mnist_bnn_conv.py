#!/usr/bin/python3
"""mnist_bnn_conv: LeNet-like binary CNN on MNIST, exported at opset 15.

  Transpose(0,3,1,2)
  QuantConv2D 1->32 3x3, real input, +-1 kernel, zero "same" pads, + BatchNorm
      -> fused by tf2onnx into one Conv with +-s_c weights and bias      [28x28]
  MaxPool 2                                                               [14x14]
  QuantConv2D 32->64, ste_sign input, pad_values=1.0 "same" (Pad(1.0) in the
      NHWC island, then Conv without pads) -> MaxPool 2 -> BatchNormalization [7x7]
  QuantConv2D 64->64, same as above                                       [3x3]
  Flatten (Transpose(0,2,3,1) -> Reshape[-1,576])
  QuantDense 576->256 (ste_sign input) -> BN(Mul+Add)
  QuantDense 256->10  (ste_sign input) -> BN(Mul+Add) -> Softmax
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train_common as tc  # noqa: E402
from ste import BatchNorm, FlattenNHWC, LarqSequential, MaxPool2d, QuantConv2d, QuantDense  # noqa: E402


def build():
    return LarqSequential(
        QuantConv2d(1, 32, 3, input_quantizer=None, kernel_quantizer="ste_sign", padding="same_zero"),
        BatchNorm(32),
        MaxPool2d(2),
        QuantConv2d(32, 64, 3, input_quantizer="ste_sign", kernel_quantizer="ste_sign", padding="same_one"),
        MaxPool2d(2),
        BatchNorm(64),
        QuantConv2d(64, 64, 3, input_quantizer="ste_sign", kernel_quantizer="ste_sign", padding="same_one"),
        MaxPool2d(2),
        BatchNorm(64),
        FlattenNHWC(),
        QuantDense(576, 256, input_quantizer="ste_sign", kernel_quantizer="ste_sign"),
        BatchNorm(256),
        QuantDense(256, 10, input_quantizer="ste_sign", kernel_quantizer="ste_sign"),
        BatchNorm(10),
    )


DESCRIPTION = (
    "Larq-style binary LeNet on MNIST (opset 15): first QuantConv2D (real input, binary kernel, "
    "zero 'same' padding) fused with its BatchNormalization into a Conv with +-s_c weights and bias; "
    "two QuantConv2D with ste_sign inputs and pad_values=1.0 (Pad(1.0) inside NHWC Transpose islands, "
    "Conv without pads), each followed by MaxPool and an unfused BatchNormalization; NHWC Flatten "
    "(Transpose + Reshape); two binary QuantDense with Mul+Add BatchNorm; Softmax.")
PATTERNS = [
    "graph input NHWC [unk__0,28,28,1], first op Transpose(perm=[0,3,1,2])",
    "Conv+BatchNorm fusion on binary conv with real-valued input: weights +-s_c per output channel, bias B'",
    "Conv zero padding pads=[1,1,1,1] on real-valued input",
    "NHWC island: Transpose(0,2,3,1) -> Sign -> Add(0.1) -> Sign -> Pad -> Transpose(0,3,1,2)",
    "Larq pad_values=1.0: Pad(constant_value=1.0, int64 NHWC pads [0,1,1,0,0,1,1,0]) then Conv without pads",
    "binary Conv kernel exactly +-1 (OIHW)",
    "Conv -> MaxPool -> BatchNormalization (unfused, epsilon 1e-3)",
    "MaxPool 2x2 stride 2",
    "Flatten in NHWC order: Transpose(0,2,3,1) -> Reshape(int64 [-1,576])",
    "QuantDense with ste_sign input (Sign -> Add(0.1) -> Sign) and +-1 MatMul kernel",
    "2-D BatchNormalization as Mul(init[C]) -> Add(init[C])",
    "Softmax",
]


if __name__ == "__main__":
    tc.main_for("mnist_bnn_conv", "mnist", 15, build, DESCRIPTION, PATTERNS, tc.mnist_augment,
                tc.MNIST_AUG_DESC, epochs=30, lr=2e-2)
