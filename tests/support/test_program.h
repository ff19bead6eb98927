// For test programs with a main() of their own (crash_test,
// fault_injection_test): their flags, and the assertions failed so far.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace lisan::testing {

// True when `arg` is `NAME=VALUE`; `value` is then its number.
inline bool take_flag(const std::string& arg, const std::string& name, long long& value) {
  if (!arg.starts_with(name + "=")) return false;
  value = std::atoll(arg.c_str() + name.size() + 1);
  return true;
}

// Failed assertions of the running test so far: a loop of trials compares it
// before and after each one to tell which trials failed.
inline int failed_assertions() {
  const ::testing::TestResult* result =
      ::testing::UnitTest::GetInstance()->current_test_info()->result();
  int failed = 0;
  for (int i = 0; i < result->total_part_count(); ++i) {
    if (result->GetTestPartResult(i).failed()) ++failed;
  }
  return failed;
}

}  // namespace lisan::testing
