// The one way two IndexReports add up.
#pragma once

#include "lisan/indexer/indexer.h"

namespace lisan::internal {

// Adds `part`, a report of inputs indexed alongside those of `total` (a
// shard of a sharded run, a part of a bulk load), to `total`: counts and
// languages add up, the run took as long as its slowest part, and it was
// interrupted if any part was.
void add_report(IndexReport& total, const IndexReport& part);

}  // namespace lisan::internal
