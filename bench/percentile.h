// Nearest-rank percentiles of latency samples, shared by the benchmark
// programs so that index_bench and query_bench report the same statistic.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace lisan::bench {

// The nearest-rank `fraction` percentile (0.5: median) of `values`; 0 when
// there are none. Takes a copy because it sorts.
inline double percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index =
      static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(values.size())) - 1);
  return values[std::min(index, values.size() - 1)];
}

}  // namespace lisan::bench
