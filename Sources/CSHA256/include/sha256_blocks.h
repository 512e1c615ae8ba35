#ifndef OUTCOMES_SHA256_BLOCKS_H
#define OUTCOMES_SHA256_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

/// Compresses `blocks` whole 64-byte blocks of `data` into `state` (FIPS 180-4, section 6.2.2), with the x86
/// SHA extensions when the processor has them and portable C otherwise. Padding is the caller's.
void outcomes_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The portable path alone, so tests can check the two paths agree on a machine with the extensions.
void outcomes_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

/// 1 when `outcomes_sha256_blocks` uses the SHA extensions on this machine.
int outcomes_sha256_uses_extensions(void);

#endif
