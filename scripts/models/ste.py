"""PyTorch layers that reproduce Larq's forward semantics, trained with
straight-through estimators (STE).

Forward passes are exactly what the exported ONNX graph computes:
  ste_sign(x)      = Sign(Sign(x) + 0.1)            -> +1 for x >= 0, -1 for x < 0
  ste_tern(x, t)   = Sign(Sign(x + t) + Sign(x - t)) -> +1 x>t, -1 x<-t, 0 |x|<t,
                                                        and +-1 at exactly x = +-t
Backward passes are Larq's: gradient passed through where |x| <= clip (1.0).

Kernel quantizers are applied to latent float weights; the exported ONNX file
holds only the quantized kernel (as tf2onnx's constant folding leaves it).
Latent weights are clipped to [-1, 1] after every optimizer step
(Larq's kernel_constraint="weight_clip").

Layers (each is one Larq layer):
  QuantConv2d(cin, cout, k, input_quantizer, kernel_quantizer, padding)
      padding "same_zero": Keras padding="same", pad_values=0.0 (Conv pads)
      padding "same_one" : Larq padding="same", pad_values=1.0 (Pad(1.0) + valid Conv)
      padding "valid"
  QuantDense(cin, cout, input_quantizer, kernel_quantizer)
  BatchNorm(c)  (Keras BatchNormalization, epsilon=1e-3; 2-D or 4-D input)
  MaxPool2d(k)  (Keras MaxPool2D, "valid", stride = k)
  FlattenNHWC() (Keras Flatten of an NHWC tensor: channel-last flatten order)
Quantizer spec: None, "ste_sign", ("ste_tern", t) for activations and
"ste_sign", "ste_tern_twn" (threshold 0.7*mean|w|, Larq ternary_weight_networks)
or ("ste_tern", t) for kernels.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class _SteSign(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        one = torch.ones((), dtype=x.dtype)
        return torch.where(x >= 0, one, -one)

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * (x.abs() <= 1.0).to(g.dtype)


class _SteTern(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, t):
        ctx.save_for_backward(x)
        # literally Larq's op chain; torch.sign(0) == 0 like tf.sign / ONNX Sign
        return torch.sign(torch.sign(x + t) + torch.sign(x - t))

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * (x.abs() <= 1.0).to(g.dtype), None


def ste_sign(x):
    return _SteSign.apply(x)


def ste_tern(x, t):
    return _SteTern.apply(x, t)


def twn_threshold(w):
    """Larq SteTern(ternary_weight_networks=True): t = 0.7 * sum|w| / size(w)."""
    return 0.7 * w.detach().abs().mean()


def quantize(x, spec):
    """Apply a quantizer spec (see module doc) to x."""
    if spec is None:
        return x
    if spec == "ste_sign":
        return ste_sign(x)
    if spec == "ste_tern_twn":
        return ste_tern(x, twn_threshold(x))
    if isinstance(spec, tuple) and spec[0] == "ste_tern":
        return ste_tern(x, float(spec[1]))
    raise ValueError("unknown quantizer %r" % (spec,))


class QuantConv2d(nn.Module):
    def __init__(self, cin, cout, k, input_quantizer=None, kernel_quantizer="ste_sign",
                 padding="same_zero"):
        super().__init__()
        if k % 2 != 1 and padding != "valid":
            raise ValueError("only odd kernels for same padding")
        self.cin, self.cout, self.k = cin, cout, k
        self.input_quantizer, self.kernel_quantizer, self.padding = input_quantizer, kernel_quantizer, padding
        self.weight = nn.Parameter(torch.empty(cout, cin, k, k).uniform_(-1.0, 1.0))

    def quantized_weight(self):
        return quantize(self.weight, self.kernel_quantizer)

    def same_pads(self):
        # TF SAME, stride 1: total = k - 1, before = total // 2, after = total - before
        total = self.k - 1
        return total // 2, total - total // 2

    def forward(self, x):
        x = quantize(x, self.input_quantizer)
        w = self.quantized_weight()
        if self.padding == "valid":
            return F.conv2d(x, w)
        b, a = self.same_pads()
        if self.padding == "same_zero":
            x = F.pad(x, (b, a, b, a), value=0.0)
        elif self.padding == "same_one":
            x = F.pad(x, (b, a, b, a), value=1.0)
        else:
            raise ValueError(self.padding)
        return F.conv2d(x, w)


class QuantDense(nn.Module):
    def __init__(self, cin, cout, input_quantizer=None, kernel_quantizer="ste_sign"):
        super().__init__()
        self.cin, self.cout = cin, cout
        self.input_quantizer, self.kernel_quantizer = input_quantizer, kernel_quantizer
        # torch layout [out, in]; exported transposed as MatMul [in, out]
        self.weight = nn.Parameter(torch.empty(cout, cin).uniform_(-1.0, 1.0))

    def quantized_weight(self):
        return quantize(self.weight, self.kernel_quantizer)

    def forward(self, x):
        return F.linear(quantize(x, self.input_quantizer), self.quantized_weight())


class BatchNorm(nn.modules.batchnorm._BatchNorm):
    """Keras BatchNormalization (epsilon 1e-3, momentum 0.99) on axis 1 of a
    torch NCHW / NC tensor (Keras' channel axis).  Attributes: weight (gamma),
    bias (beta), running_mean, running_var, eps."""

    def __init__(self, c, eps=1e-3, momentum=0.01):
        super().__init__(c, eps=eps, momentum=momentum)

    def _check_input_dim(self, x):
        if x.dim() not in (2, 4):
            raise ValueError("BatchNorm: 2-D or 4-D input expected")


class MaxPool2d(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.k = k

    def forward(self, x):
        return F.max_pool2d(x, self.k, self.k)


class FlattenNHWC(nn.Module):
    """Keras Flatten on channels_last data: element order (h, w, c)."""

    def forward(self, x):
        if x.dim() == 4:
            x = x.permute(0, 2, 3, 1)
        return x.reshape(x.shape[0], -1)


class LarqSequential(nn.Sequential):
    """nn.Sequential of the layers above; its output is the pre-softmax tensor
    (the exported graph appends Softmax)."""

    def clip_latent_weights(self):
        with torch.no_grad():
            for m in self.modules():
                if isinstance(m, (QuantConv2d, QuantDense)) and m.kernel_quantizer is not None:
                    m.weight.clamp_(-1.0, 1.0)
