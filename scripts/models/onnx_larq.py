"""Write a trained ste.LarqSequential as an ONNX graph in the op patterns that
Larq + tf2onnx produce (see shared/reference/larq-onnx.md, sections 3 and 6).

Graph conventions reproduced here:
  * input NHWC [unk__0, H, W, C] float32; conv/pool/BN run in NCHW after a
    Transpose(perm=[0,3,1,2]);
  * binary / ternary kernels are float32 initializers holding the quantized
    values (Conv OIHW, MatMul [in, out]); latent weights are not exported;
  * an activation quantizer in front of a conv sits in an NHWC island:
    Transpose(0,2,3,1) -> Sign -> Add(0.1) -> Sign [-> Pad(1.0)] -> Transpose(0,3,1,2);
  * ste_tern: Sign(Add(Sign(Add(x, t)), Sign(Sub(x, t))));
  * Conv directly followed by BatchNormalization is fused (tf2onnx
    back_to_back_optimizer): W' = W * gamma/sqrt(var+eps) per output channel,
    B' = (0 - mean) * gamma/sqrt(var+eps) + beta;
  * BatchNormalization on 4-D data: ONNX BatchNormalization (epsilon 1e-3);
    on 2-D data (after Dense): Mul(init[C]) -> Add(init[C]);
  * Flatten: [Transpose(0,2,3,1) ->] Reshape(int64 [-1, N]); final Softmax.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from ste import BatchNorm, FlattenNHWC, MaxPool2d, QuantConv2d, QuantDense

NCHW_TO_NHWC = [0, 2, 3, 1]
NHWC_TO_NCHW = [0, 3, 1, 2]
IR_VERSION_FOR_OPSET = {13: 7, 15: 8}  # what tf2onnx writes for these opsets


class GraphBuilder:
    def __init__(self, opset):
        self.opset = opset
        self.nodes, self.inits, self._names = [], {}, {}

    def unique(self, base):
        n = self._names.get(base, 0)
        self._names[base] = n + 1
        return base if n == 0 else "%s_%d" % (base, n)

    def init(self, name, array):
        """Add an initializer (once per name) and return its name."""
        if name not in self.inits:
            self.inits[name] = numpy_helper.from_array(np.asarray(array), name)
        return name

    def node(self, op, inputs, name, **attrs):
        out = name + ":0"
        self.nodes.append(helper.make_node(op, list(inputs), [out], name=name, **attrs))
        return out

    # --- Larq patterns -------------------------------------------------
    def ste_sign(self, x, scope):
        c = self.init("const_ste_sign_0.1", np.array(0.1, dtype=np.float32))  # 0-d f32
        s = self.node("Sign", [x], scope + "/ste_sign/Sign")
        a = self.node("Add", [s, c], scope + "/ste_sign/add")
        return self.node("Sign", [a], scope + "/ste_sign/Sign_1")

    def ste_tern(self, x, t, scope):
        c = self.init("const_ste_tern_%g" % t, np.array(t, dtype=np.float32))  # 0-d f32
        a = self.node("Add", [x, c], scope + "/ste_tern/add")
        b = self.node("Sub", [x, c], scope + "/ste_tern/sub")
        sa = self.node("Sign", [a], scope + "/ste_tern/Sign")
        sb = self.node("Sign", [b], scope + "/ste_tern/Sign_1")
        s = self.node("Add", [sa, sb], scope + "/ste_tern/add_1")
        return self.node("Sign", [s], scope + "/ste_tern/Sign_2")

    def quantizer(self, x, spec, scope):
        if spec is None:
            return x
        if spec == "ste_sign":
            return self.ste_sign(x, scope)
        if isinstance(spec, tuple) and spec[0] == "ste_tern":
            return self.ste_tern(x, float(spec[1]), scope)
        raise ValueError("cannot export activation quantizer %r" % (spec,))

    def transpose(self, x, perm, scope):
        return self.node("Transpose", [x], scope + "/transpose_" + "".join(map(str, perm)), perm=perm)


def _f32(t):
    return t.detach().cpu().numpy().astype(np.float32)


def _bn_params(bn):
    return (_f32(bn.weight), _f32(bn.bias), _f32(bn.running_mean), _f32(bn.running_var), float(bn.eps))


def export(model, path, opset, input_hwc, model_name, doc_string=""):
    """Export `model` (ste.LarqSequential, eval mode) to `path`; return the ModelProto."""
    gb = GraphBuilder(opset)
    top = "sequential"
    H, W, C = input_hwc
    x, layout, shape = "input_1", "NHWC", (C, H, W)
    mods = list(model)
    i = 0

    def to_nchw(x, layout, scope):
        return (gb.transpose(x, NHWC_TO_NCHW, scope), "NCHW") if layout == "NHWC" else (x, layout)

    while i < len(mods):
        m = mods[i]
        nxt = mods[i + 1] if i + 1 < len(mods) else None
        if isinstance(m, QuantConv2d):
            scope = top + "/" + gb.unique("quant_conv2d")
            c, h, w = shape
            b, a = m.same_pads()
            if m.input_quantizer is not None or m.padding == "same_one":
                if layout == "NCHW":
                    x = gb.transpose(x, NCHW_TO_NHWC, scope)
                x = gb.quantizer(x, m.input_quantizer, scope)
                if m.padding == "same_one":
                    # tf2onnx PadV2 (opset >= 11): pads int64 input in NHWC order
                    # [n_b, h_b, w_b, c_b, n_e, h_e, w_e, c_e], constant_value input
                    pads = gb.init(scope + "/Pad/paddings", np.array([0, b, b, 0, 0, a, a, 0], dtype=np.int64))
                    one = gb.init(scope + "/Pad/constant_values", np.array(1.0, dtype=np.float32))
                    x = gb.node("Pad", [x, pads, one], scope + "/Pad")
                x = gb.transpose(x, NHWC_TO_NCHW, scope)
                layout = "NCHW"
            else:
                x, layout = to_nchw(x, layout, scope)
            wq = _f32(m.quantized_weight())  # OIHW, exactly the quantized values
            inputs = [x]
            attrs = dict(kernel_shape=[m.k, m.k], strides=[1, 1], dilations=[1, 1])
            if m.padding == "same_zero":
                attrs["pads"] = [b, b, a, a]
            if isinstance(nxt, BatchNorm):
                # tf2onnx BackToBackOptimizer._optimize_conv_batchnorm_fusion (float32 numpy)
                gamma, beta, mean, var, eps = _bn_params(nxt)
                A = gamma / np.sqrt(var + np.float32(eps))
                wq = (wq * A[:, None, None, None]).astype(np.float32)
                bias = ((np.float32(0.0) - mean) * A + beta).astype(np.float32)
                i += 1
            else:
                bias = None
            inputs.append(gb.init(scope + "/Conv2D/kernel", wq))
            if bias is not None:
                inputs.append(gb.init(scope + "/Conv2D/bias", bias))
            x = gb.node("Conv", inputs, scope + "/Conv2D", **attrs)
            if m.padding == "valid":
                h, w = h - m.k + 1, w - m.k + 1
            shape = (m.cout, h, w)
        elif isinstance(m, BatchNorm):
            scope = top + "/" + gb.unique("batch_normalization")
            gamma, beta, mean, var, eps = _bn_params(m)
            if layout == "2D":
                # Keras non-fused BN, constant-folded: x * (gamma*rsqrt(var+eps)) + (beta - mean*that)
                g64 = gamma.astype(np.float64) / np.sqrt(var.astype(np.float64) + eps)
                mul = g64.astype(np.float32)
                add = (beta.astype(np.float64) - mean.astype(np.float64) * g64).astype(np.float32)
                x = gb.node("Mul", [x, gb.init(scope + "/batchnorm/mul", mul)], scope + "/batchnorm/mul_1")
                x = gb.node("Add", [x, gb.init(scope + "/batchnorm/sub", add)], scope + "/batchnorm/add_1")
            else:
                x, layout = to_nchw(x, layout, scope)
                ins = [x] + [gb.init(scope + "/" + n, v) for n, v in
                             (("gamma", gamma), ("beta", beta), ("moving_mean", mean), ("moving_variance", var))]
                x = gb.node("BatchNormalization", ins, scope + "/FusedBatchNormV3", epsilon=eps)
        elif isinstance(m, MaxPool2d):
            scope = top + "/" + gb.unique("max_pooling2d")
            x, layout = to_nchw(x, layout, scope)
            x = gb.node("MaxPool", [x], scope + "/MaxPool", kernel_shape=[m.k, m.k], strides=[m.k, m.k])
            c, h, w = shape
            shape = (c, h // m.k, w // m.k)
        elif isinstance(m, FlattenNHWC):
            scope = top + "/" + gb.unique("flatten")
            c, h, w = shape
            if layout == "NCHW":
                x = gb.transpose(x, NCHW_TO_NHWC, scope)
            shp = gb.init(scope + "/Const", np.array([-1, h * w * c], dtype=np.int64))
            x = gb.node("Reshape", [x, shp], scope + "/Reshape")
            layout, shape = "2D", (h * w * c,)
        elif isinstance(m, QuantDense):
            scope = top + "/" + gb.unique("quant_dense")
            assert layout == "2D" and shape == (m.cin,), (layout, shape, m.cin)
            x = gb.quantizer(x, m.input_quantizer, scope)
            kernel = np.ascontiguousarray(_f32(m.quantized_weight()).T)  # [in, out]
            x = gb.node("MatMul", [x, gb.init(scope + "/MatMul/kernel", kernel)], scope + "/MatMul")
            shape = (m.cout,)
        else:
            raise TypeError("cannot export %r" % (m,))
        i += 1

    out = gb.node("Softmax", [x], top + "/activation/Softmax", axis=-1)
    # name the graph output like tf2onnx does (Keras output layer name)
    gb.nodes[-1].output[0] = "activation"
    graph = helper.make_graph(
        gb.nodes, model_name,
        [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, ["unk__0", H, W, C])],
        [helper.make_tensor_value_info("activation", TensorProto.FLOAT, ["unk__1", shape[0]])],
        initializer=list(gb.inits.values()))
    del out
    mp = helper.make_model(
        graph, producer_name="cimc scripts/models (Larq + tf2onnx op patterns)", producer_version="1",
        opset_imports=[helper.make_opsetid("", opset), helper.make_opsetid("ai.onnx.ml", 2)],
        doc_string=doc_string)
    mp.ir_version = IR_VERSION_FOR_OPSET.get(opset, 8)
    onnx.checker.check_model(mp, full_check=True)
    onnx.save(mp, path)
    return mp
