// nki.isa Vector and GpSimd engine instructions beyond the element-wise basics: reductions,
// scans, selections, statistics and generators (nki-api.md §7.5-§7.7).
#include <fmt/format.h>

#include "lang/isa_common.h"
#include "lang/ops.h"

namespace nki::lang::isa {

void define_vector_instructions(const Define& def) {
  (void)def;
}

}  // namespace nki::lang::isa
