#pragma once
// CIM_VECTOR_CLONES marks a simulator loop to be compiled twice, for
// x86-64-v4 (AVX-512) and the baseline ISA, picked at load time. The sim
// library is built with -ffp-contract=off, so both clones do the same IEEE
// operations and agree bit for bit: results never depend on the CPU. Off
// under AddressSanitizer, whose start-up runs after ifunc resolvers.

#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define CIM_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "default")))
#else
#define CIM_VECTOR_CLONES
#endif
