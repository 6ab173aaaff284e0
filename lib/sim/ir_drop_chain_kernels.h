#pragma once
// Vector kernels of the per-read nodal solver (ir_drop_read_solver.h): many
// resistive chains (the wires of a crossbar's rows or columns) treated at
// once, the inner loop running over the chains. Chain i's node s lives at
// x[s·step + i] — step = +n walks the chains from their first node, step = −n
// with x pointing at the last block walks them backwards — so one kernel
// serves the row chains (column-major data) and the column chains (row-major
// data, sense end first).
//
// A chain: node 0 is tied to a fixed 0 V source through g_anchor (the driver
// or the sense amplifier), consecutive nodes are joined by g_link, the last
// node ends open, and node s of chain i has a conductance g(s, i) to a node
// outside the chain (its cell; float, as cell currents are). Its matrix is
// tridiagonal and SPD.
//
// Reductions run in a fixed order, so every ISA clone gives the same bits;
// the conjugate-gradient vector steps live here too, beside their dots.

#include <cstddef>
#include <cstdint>

namespace cim::sim {

/// L·D·Lᵀ of every chain, eliminated from node 0 (the anchored end, where no
/// cancellation occurs): inv_d = 1/pivot per node (the multipliers are
/// g_link/pivot, recomputed when solving: half the memory traffic).
void FactorChains(int64_t len, int64_t n, ptrdiff_t step, const float* g, double g_link,
                  double g_anchor, double* inv_d);

/// out = M⁻¹·in for every chain, with FactorChains' pivots (in may be out).
void SolveChains(int64_t len, int64_t n, ptrdiff_t step, const double* inv_d, double g_link,
                 const double* in, double* out);

/// out[i] = Σ_s x(s, i), summed in node order (in double).
void SumChains(int64_t len, int64_t n, ptrdiff_t step, const double* x, double* out);
void SumChains(int64_t len, int64_t n, ptrdiff_t step, const float* x, double* out);

/// Dot products in a fixed order (independent of the ISA): element i goes to
/// partial sum i mod kDotLanes, the partial sums are added as a fixed tree.
constexpr int kDotLanes = 32;

/// lanes[l] += a[i]·b[i] for the elements i ≡ l (mod kDotLanes), in order of
/// i. A dot product split into pieces that each start at a multiple of
/// kDotLanes gives the same lanes as one call.
void DotLanes(int64_t n, const double* a, const double* b, double* lanes);

/// The sum of kDotLanes partial sums, as a fixed tree.
double SumLanes(const double* lanes);

/// Σ a[i]·b[i]: DotLanes over all of it, then SumLanes.
double FixedOrderDot(int64_t n, const double* a, const double* b);

/// x += alpha·p and r −= alpha·s; returns r·r (FixedOrderDot's order).
double StepAndNorm(int64_t n, double alpha, const double* p, const double* s, double* x, double* r);

}  // namespace cim::sim
