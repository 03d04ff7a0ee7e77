// Number and text formatting shared by the report writers.
#include "text_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace corridor::report::text {

std::string grouped(double v) {
  if (!std::isfinite(v)) return "-";
  const bool negative = v < 0;
  auto digits = fmt::format("{:.0f}", std::fabs(v));
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.push_back(',');
    out.push_back(*it);
    ++count;
  }
  if (negative && digits != "0") out.push_back('-');
  std::reverse(out.begin(), out.end());
  return out;
}

std::string with_ci(const core::Estimate& e) {
  return fmt::format("{} ± {}", grouped(e.mean), grouped(e.half_width()));
}

std::string signed_with_ci(const core::Estimate& e) {
  if (e.n == 0) return "-";
  const std::string mean = grouped(e.mean);
  return fmt::format("{}{} ± {}", e.mean > 0 && mean != "0" ? "+" : "", mean,
                     grouped(e.half_width()));
}

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "-";
  return fmt::format("{:.{}f}", v, decimals);
}

std::string percent(double v) {
  if (!std::isfinite(v)) return "-";
  return fmt::format("{:.0f}%", v * 100);
}

std::string short_tonnes(double t) {
  if (!std::isfinite(t)) return "-";
  const double a = std::fabs(t);
  if (a >= 1e6) return fmt::format("{:.{}f} Mt", t / 1e6, a >= 1e7 ? 1 : 2);
  if (a >= 1e3) return fmt::format("{:.0f} kt", t / 1e3);
  return fmt::format("{:.0f} t", t);
}

std::string num(double v) { return fmt::format("{:.6g}", v); }

std::string fit(std::string_view s, std::size_t width) {
  // Byte offset where each display character starts (UTF-8 continuation bytes are skipped).
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  if (starts.size() <= width) {
    std::string out(s);
    out.append(width - starts.size(), ' ');
    return out;
  }
  if (width == 0) return "";
  // Too long: keep width - 1 characters and mark the cut.
  return std::string(s.substr(0, starts[width - 1])) + "…";
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string md_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace corridor::report::text
