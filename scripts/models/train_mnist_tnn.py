#!/usr/bin/python3
"""mnist_tnn: ternary CNN on MNIST, exported at opset 13.

Kernels: Larq ste_tern with ternary_weight_networks=True (threshold
0.7*mean|w| of the latent kernel), folded to {-1,0,+1} initializers.
Activations: ste_tern with a fixed threshold T on the inputs of every layer but
the first: Sign(Add(Sign(Add(x,T)), Sign(Sub(x,T)))).

  Transpose(0,3,1,2)
  QuantConv2D 1->32 3x3, real input, ternary kernel, zero pads -> MaxPool 2 -> BatchNormalization [14x14]
  QuantConv2D 32->64, ste_tern input (NHWC island), ternary kernel, zero pads -> MaxPool -> BN   [7x7]
  QuantConv2D 64->64, same                                                                      [3x3]
  Flatten (Transpose(0,2,3,1) -> Reshape[-1,576])
  QuantDense 576->256 (ste_tern input, ternary kernel) -> BN(Mul+Add)
  QuantDense 256->10  (ste_tern input, ternary kernel) -> BN(Mul+Add) -> Softmax
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train_common as tc  # noqa: E402
from ste import BatchNorm, FlattenNHWC, LarqSequential, MaxPool2d, QuantConv2d, QuantDense  # noqa: E402

T = 0.05  # Larq SteTern default threshold_value
ACT = ("ste_tern", T)
KER = "ste_tern_twn"


def build():
    return LarqSequential(
        QuantConv2d(1, 32, 3, input_quantizer=None, kernel_quantizer=KER, padding="same_zero"),
        MaxPool2d(2),
        BatchNorm(32),
        QuantConv2d(32, 64, 3, input_quantizer=ACT, kernel_quantizer=KER, padding="same_zero"),
        MaxPool2d(2),
        BatchNorm(64),
        QuantConv2d(64, 64, 3, input_quantizer=ACT, kernel_quantizer=KER, padding="same_zero"),
        MaxPool2d(2),
        BatchNorm(64),
        FlattenNHWC(),
        QuantDense(576, 256, input_quantizer=ACT, kernel_quantizer=KER),
        BatchNorm(256),
        QuantDense(256, 10, input_quantizer=ACT, kernel_quantizer=KER),
        BatchNorm(10),
    )


DESCRIPTION = (
    "Larq-style ternary CNN on MNIST (opset 13): all kernels ternary {-1,0,+1} (ste_tern, "
    "ternary_weight_networks=True, folded); ste_tern activations with threshold %g "
    "(Sign(Add(Sign(Add(x,t)),Sign(Sub(x,t))))) on the inputs of all layers but the first, "
    "inside NHWC Transpose islands for the convs; Conv zero padding; Conv -> MaxPool -> "
    "BatchNormalization; NHWC Flatten; ternary QuantDense with Mul+Add BatchNorm; Softmax." % T)
PATTERNS = [
    "graph input NHWC [unk__0,28,28,1], first op Transpose(perm=[0,3,1,2])",
    "ternary Conv kernel exactly {-1,0,+1} (OIHW), first layer real-valued input",
    "NHWC island: Transpose(0,2,3,1) -> ste_tern -> Transpose(0,3,1,2)",
    "ste_tern activation: Add(x,t), Sub(x,t) -> Sign, Sign -> Add -> Sign (t = 0-d f32 %g)" % T,
    "Conv zero padding pads=[1,1,1,1] on ternary activations",
    "Conv -> MaxPool -> BatchNormalization (unfused, epsilon 1e-3)",
    "MaxPool 2x2 stride 2",
    "Flatten in NHWC order: Transpose(0,2,3,1) -> Reshape(int64 [-1,576])",
    "QuantDense with ste_tern input and ternary {-1,0,+1} MatMul kernel",
    "2-D BatchNormalization as Mul(init[C]) -> Add(init[C])",
    "Softmax",
]


if __name__ == "__main__":
    tc.main_for("mnist_tnn", "mnist", 13, build, DESCRIPTION, PATTERNS, tc.mnist_augment,
                tc.MNIST_AUG_DESC, epochs=30, lr=2e-2)
