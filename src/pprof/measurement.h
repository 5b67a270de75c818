// Units and value formatting, matching pprof's internal/measurement.
#ifndef MAPWARDEN_PPROF_MEASUREMENT_H_
#define MAPWARDEN_PPROF_MEASUREMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace mw::pprof {

// Converts `value` in `from_unit` to `to_unit` ("minimum" and "auto" pick
// the largest unit that keeps the value >= 1). Returns the value and the
// canonical unit name ("" for plain counts).
std::pair<double, std::string> ScaleValue(int64_t value, std::string_view from_unit,
                                          std::string_view to_unit);

// "2.72MB", "0", "150ms": a value scaled to a unit, with two decimals
// trimmed of ".00".
std::string ScaledLabel(int64_t value, std::string_view from_unit, std::string_view to_unit);

// "99.93%", "  100%", " 0.5%": pprof's fixed-width percentage.
std::string Percentage(int64_t value, int64_t total);

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_MEASUREMENT_H_
