// Builds the self-contained HTML report: a page of sections (facts, map, charts, tables) drawn
// as inline SVG from the results and the scenario's node coordinates. Only formats: the numbers
// come from results::RunResults and results::Comparison.
#include "corridor/report/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "corridor/report/comparison_report.hpp"
#include "ranking.hpp"
#include "text_format.hpp"

namespace corridor::report {
namespace {

using text::fixed;
using text::grouped;
using text::html;
using text::percent;
using text::short_tonnes;

// ------------------------------------------------------------------------------------ styling

constexpr const char* kStyle = R"(
:root { --ink: #1d2733; --muted: #5b6776; --line: #d9dee5; --panel: #f6f8fa; --accent: #1f5f99; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, sans-serif; color: var(--ink); background: #fff; }
header { background: #17324d; color: #fff; padding: 18px 32px 14px; }
header h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; }
header p { margin: 0; color: #c8d6e5; max-width: 1100px; }
main { padding: 16px 32px 40px; max-width: 1500px; }
h2 { font-size: 17px; margin: 26px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.facts { display: flex; flex-wrap: wrap; gap: 10px; margin: 4px 0 10px; }
.fact { background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
  padding: 6px 12px; min-width: 120px; }
.fact b { display: block; font-size: 17px; }
.fact span { color: var(--muted); font-size: 12px; }
.grid { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 3fr); gap: 24px;
  align-items: start; }
@media (max-width: 1100px) { .grid { grid-template-columns: 1fr; } }
.panel { border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: inherit; }
.note { background: #fbf7e8; border-left: 4px solid #e0b43c; padding: 8px 12px; margin: 10px 0;
  color: #3d3a2e; max-width: 1100px; }
.muted { color: var(--muted); }
table { border-collapse: collapse; margin: 6px 0 14px; font-size: 13px; }
th, td { padding: 4px 9px; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
th { background: var(--panel); font-weight: 600; white-space: nowrap; }
th.sortable { cursor: pointer; }
th.sortable:after { content: " \2195"; color: #9aa5b1; font-size: 11px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.route { color: var(--muted); font-size: 12px; max-width: 420px; }
.ubar { display: inline-block; width: 70px; height: 9px; background: #eef1f4; margin-right: 6px;
  vertical-align: middle; border-radius: 2px; overflow: hidden; }
.ubar i { display: block; height: 100%; }
.pos { color: #1a7f37; } .neg { color: #b42318; }
details { margin: 8px 0; } summary { cursor: pointer; font-weight: 600; }
footer { color: var(--muted); font-size: 12px; padding: 0 32px 24px; }
@media print { header { background: none; color: var(--ink); } header p { color: var(--muted); }
  .grid { grid-template-columns: 1fr; } }
)";

// Sorts a table by the clicked column (numbers by value, text alphabetically); marks the page
// ready so that tests can tell the script ran.
constexpr const char* kScript = R"(
(function () {
  function cellValue(row, i) {
    var cell = row.cells[i];
    var v = cell.getAttribute('data-v');
    if (v !== null) return parseFloat(v);
    return cell.textContent.trim();
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, i) {
      th.classList.add('sortable');
      th.addEventListener('click', function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var down = th.getAttribute('data-dir') !== 'down';
        rows.sort(function (a, b) {
          var x = cellValue(a, i), y = cellValue(b, i);
          var c = (typeof x === 'number' && typeof y === 'number') ? x - y
                  : String(x).localeCompare(String(y));
          return down ? -c : c;
        });
        th.setAttribute('data-dir', down ? 'down' : 'up');
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.documentElement.setAttribute('data-report-ready', '1');
})();
)";

// Utilisation classes: upper bounds and colours (green → red).
struct UtilClass {
  double upper;
  const char* colour;
  const char* label;
};
constexpr UtilClass kUtilClasses[] = {{0.2, "#1a9850", "under 20%"},
                                      {0.4, "#91cf60", "20–40%"},
                                      {0.6, "#e6c229", "40–60%"},
                                      {0.8, "#f08a3c", "60–80%"},
                                      {1e300, "#d7301f", "80% and over"}};
constexpr const char* kIdleColour = "#aab3bd";

const char* util_colour(double u) {
  for (const auto& c : kUtilClasses) {
    if (u < c.upper) return c.colour;
  }
  return kUtilClasses[4].colour;
}

// Categorical colours of runs in charts.
constexpr const char* kRunColours[] = {"#1f5f99", "#e07b24", "#2e8b57", "#8e44ad",
                                       "#c0392b", "#16a0a0", "#7f6a00", "#d35490"};
const char* run_colour(std::size_t i) { return kRunColours[i % std::size(kRunColours)]; }

std::string num_cell(double sort_value, const std::string& text) {
  return fmt::format("<td class=\"num\" data-v=\"{}\">{}</td>", text::num(sort_value), text);
}

std::string util_cell(double u) {
  return fmt::format(
      "<td class=\"num\" data-v=\"{}\"><span class=\"ubar\"><i style=\"width:{:.0f}%;"
      "background:{}\"></i></span>{}</td>",
      text::num(u), std::clamp(u, 0.0, 1.0) * 100, util_colour(u), percent(u));
}

// A "nice" step (1, 2 or 5 × 10^k) near range / count.
double nice_step(double range, int count) {
  if (range <= 0) return 1;
  const double raw = range / count;
  const double mag = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * mag >= raw) return m * mag;
  }
  return 10 * mag;
}

// ------------------------------------------------------------------------------------ the map

struct Box {
  double x0, y0, x1, y1;
  [[nodiscard]] bool overlaps(const Box& o) const {
    return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
  }
  [[nodiscard]] double overlap_area(const Box& o) const {
    const double w = std::min(x1, o.x1) - std::max(x0, o.x0);
    const double h = std::min(y1, o.y1) - std::max(y0, o.y0);
    return w > 0 && h > 0 ? w * h : 0;
  }
};

// The boxes already placed on the map (markers and names), found through a grid of square
// cells, so that a new name is compared only with the boxes near it: the map of a network of
// 10^5 nodes holds 2 × 10^5 boxes, and comparing each name with all of them took minutes.
class PlacedBoxes {
 public:
  PlacedBoxes(double width, double height)
      : columns_(cell_of(width) + 1), rows_(cell_of(height) + 1), cells_(columns_ * rows_) {}

  void add(const Box& b) {
    const auto index = static_cast<std::uint32_t>(boxes_.size());
    boxes_.push_back(b);
    for_cells(b, [&](std::vector<std::uint32_t>& cell) { cell.push_back(index); });
  }

  /// The sum of the overlap areas of `b` with every box added, in the order they were added:
  /// the same number as adding over all of them, since a box that does not meet `b` adds 0.
  [[nodiscard]] double overlap(const Box& b) {
    near_.clear();
    for_cells(b, [&](const std::vector<std::uint32_t>& cell) {
      near_.insert(near_.end(), cell.begin(), cell.end());
    });
    std::sort(near_.begin(), near_.end());
    near_.erase(std::unique(near_.begin(), near_.end()), near_.end());
    double sum = 0;
    for (const std::uint32_t i : near_) sum += b.overlap_area(boxes_[i]);
    return sum;
  }

 private:
  static constexpr double kCell = 24;  // px

  // Cells outside the map are clamped to its edge cells, which keeps the rule that two boxes
  // that overlap share a cell.
  static std::size_t cell_of(double v) {
    return v > 0 ? static_cast<std::size_t>(std::min(v / kCell, 1e6)) : 0;
  }

  template <typename Visit>
  void for_cells(const Box& b, Visit&& visit) {
    const std::size_t c0 = std::min(cell_of(b.x0), columns_ - 1);
    const std::size_t c1 = std::min(cell_of(b.x1), columns_ - 1);
    const std::size_t r0 = std::min(cell_of(b.y0), rows_ - 1);
    const std::size_t r1 = std::min(cell_of(b.y1), rows_ - 1);
    for (std::size_t r = r0; r <= r1; ++r) {
      for (std::size_t c = c0; c <= c1; ++c) visit(cells_[r * columns_ + c]);
    }
  }

  std::size_t columns_;
  std::size_t rows_;
  std::vector<std::vector<std::uint32_t>> cells_;
  std::vector<Box> boxes_;
  std::vector<std::uint32_t> near_;
};

// Display width of a label in px at 11 px (rough average advance of a sans-serif font).
double label_width(const std::string& s) {
  std::size_t chars = 0;
  for (char c : s) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return 6.1 * static_cast<double>(chars);
}

// The most node names the map draws (see svg_map).
constexpr std::size_t kMaxNames = 300;

std::string svg_map(const model::Scenario& sc, const results::RunResults& r) {
  if (sc.nodes.empty()) return "<p class=\"muted\">The scenario has no nodes.</p>";
  constexpr double kWidth = 900;
  constexpr double kPad = 36;
  double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
  for (const auto& n : sc.nodes) {
    lat0 = std::min(lat0, n.lat);
    lat1 = std::max(lat1, n.lat);
    lon0 = std::min(lon0, n.lon);
    lon1 = std::max(lon1, n.lon);
  }
  const double dlat = std::max(lat1 - lat0, 0.5);
  const double dlon = std::max(lon1 - lon0, 0.5);
  // Equirectangular: x ∝ lon · cos(mid latitude), y ∝ −lat, fitted to the bounding box.
  const double kx = std::cos((lat0 + lat1) / 2 * M_PI / 180);
  const double height = std::clamp(kWidth * dlat / (dlon * kx), 380.0, 760.0);
  const double scale =
      std::min((kWidth - 2 * kPad) / (dlon * kx), (height - 2 * kPad) / dlat);  // px per degree
  const double cx = (lon0 + lon1) / 2;
  const double cy = (lat0 + lat1) / 2;
  auto px = [&](double lon) { return kWidth / 2 + (lon - cx) * kx * scale; };
  auto py = [&](double lat) { return height / 2 - (lat - cy) * scale; };

  std::map<std::string, const results::LinkSummary*> link_results;
  for (const auto& l : r.links) link_results[l.id] = &l;
  std::map<std::string, const results::NodeSummary*> node_results;
  for (const auto& n : r.nodes) node_results[n.id] = &n;
  double max_t = 0;
  for (const auto& l : r.links) max_t = std::max(max_t, l.tonnes_per_year.mean);
  auto stroke_width = [&](double t) {
    return max_t > 0 ? 1.6 + 9.0 * std::sqrt(std::max(t, 0.0) / max_t) : 1.6;
  };

  // The legend sits in its own column right of the map, so that it never hides the network.
  constexpr double kLegendColumn = 200;
  std::string svg = fmt::format(
      "<svg id=\"network-map\" viewBox=\"0 0 {0:.0f} {1:.0f}\" width=\"{0:.0f}\" "
      "height=\"{1:.0f}\" role=\"img\" aria-label=\"Map of the network\">\n"
      "<rect width=\"{2:.0f}\" height=\"{1:.0f}\" fill=\"#f4f7fa\"/>\n",
      kWidth + kLegendColumn, height, kWidth);

  // Graticule with degree labels, for orientation.
  const double step = nice_step(std::max(dlat, dlon * kx), 6);
  svg += "<g stroke=\"#dde4ec\" stroke-width=\"1\" fill=\"#8a96a3\" font-size=\"10\">\n";
  for (double lon = std::ceil((cx - kWidth / 2 / (kx * scale)) / step) * step; px(lon) < kWidth;
       lon += step) {
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"0\" x2=\"{0:.1f}\" y2=\"{1:.0f}\"/><text x=\"{2:.1f}\" "
        "y=\"{3:.0f}\" stroke=\"none\">{4}°E</text>\n",
        px(lon), height, px(lon) + 3, height - 4, fixed(lon, step < 1 ? 1 : 0));
  }
  for (double lat = std::ceil((cy - height / 2 / scale) / step) * step; py(lat) > 0; lat += step) {
    svg += fmt::format(
        "<line x1=\"0\" y1=\"{0:.1f}\" x2=\"{1:.0f}\" y2=\"{0:.1f}\"/><text x=\"4\" "
        "y=\"{2:.1f}\" stroke=\"none\">{3}°N</text>\n",
        py(lat), kWidth, py(lat) - 3, fixed(lat, step < 1 ? 1 : 0));
  }
  svg += "</g>\n";

  // Links, quiet ones first so busy ones are drawn on top; parallel links between the same two
  // nodes are offset sideways so that each stays visible.
  std::vector<std::size_t> order(sc.links.size());
  std::iota(order.begin(), order.end(), 0);
  auto tonnes_of = [&](std::size_t i) {
    const auto it = link_results.find(sc.links[i].id);
    return it == link_results.end() ? 0.0 : it->second->tonnes_per_year.mean;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return tonnes_of(a) < tonnes_of(b); });
  std::unordered_map<std::string_view, const model::Node*> node_by_id;
  for (const auto& n : sc.nodes) node_by_id.emplace(n.id, &n);
  auto find_node = [&](const std::string& id) -> const model::Node* {
    const auto it = node_by_id.find(id);
    return it == node_by_id.end() ? nullptr : it->second;
  };
  std::map<std::pair<std::string, std::string>, int> pair_count;
  std::map<std::string, int> pair_slot;
  for (const auto& l : sc.links) {
    const auto key = std::minmax(l.from, l.to);
    pair_slot[l.id] = pair_count[{key.first, key.second}]++;
  }
  svg += "<g fill=\"none\" stroke-linecap=\"round\">\n";
  for (std::size_t i : order) {
    const auto& l = sc.links[i];
    const model::Node* a = find_node(l.from);
    const model::Node* b = find_node(l.to);
    if (a == nullptr || b == nullptr) continue;
    double x1 = px(a->lon), y1 = py(a->lat), x2 = px(b->lon), y2 = py(b->lat);
    const auto key = std::minmax(l.from, l.to);
    const int count = pair_count[{key.first, key.second}];
    if (count > 1) {
      const double len = std::hypot(x2 - x1, y2 - y1);
      if (len > 0) {
        // Offset perpendicular to the canonical direction (same for both link directions).
        const bool flip = l.from != key.first;
        const double nx = -(y2 - y1) / len * (flip ? -1 : 1);
        const double ny = (x2 - x1) / len * (flip ? -1 : 1);
        const double off = (pair_slot[l.id] - (count - 1) / 2.0) * 6.0;
        x1 += nx * off;
        x2 += nx * off;
        y1 += ny * off;
        y2 += ny * off;
      }
    }
    const auto it = link_results.find(l.id);
    const double t = it == link_results.end() ? 0 : it->second->tonnes_per_year.mean;
    const double u = it == link_results.end() ? 0 : it->second->utilisation.mean;
    const bool idle = t <= 0 && u <= 0;
    const char* dash = "";
    switch (l.mode) {
      case model::Mode::kRail:
        dash = "";
        break;
      case model::Mode::kRoad:
        dash = " stroke-dasharray=\"10 4\"";
        break;
      case model::Mode::kSea:
        dash = " stroke-dasharray=\"5 5\"";
        break;
      case model::Mode::kPipeline:
        dash = " stroke-dasharray=\"1 5\"";
        break;
    }
    std::string tip = fmt::format("{} ({}, {} km): {} → {}", l.id, model::to_string(l.mode),
                                  fixed(l.length_km, 0), a->name, b->name);
    if (it != link_results.end()) {
      const auto& s = *it->second;
      tip += fmt::format("\n{} t/yr, utilisation {}, mean wait {} h, closed {} d",
                         grouped(s.tonnes_per_year.mean), percent(s.utilisation.mean),
                         fixed(s.wait_mean_h.mean, 1), fixed(s.closed_days.mean, 1));
    }
    svg += fmt::format(
        "<line class=\"link\" data-id=\"{}\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" "
        "y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"{:.1f}\"{}><title>{}</title></line>\n",
        html(l.id), x1, y1, x2, y2, idle ? kIdleColour : util_colour(u),
        idle ? 1.4 : stroke_width(t), dash, html(tip));
  }
  svg += "</g>\n";

  // Nodes: filled with their own utilisation colour when they serve anything.
  PlacedBoxes taken(kWidth, height);
  for (const auto& n : sc.nodes) {
    const double r0 = n.kind == model::NodeKind::kJunction ? 3.0 : 4.5;
    taken.add({px(n.lon) - r0, py(n.lat) - r0, px(n.lon) + r0, py(n.lat) + r0});
  }
  svg += "<g stroke=\"#26323f\" stroke-width=\"1.2\">\n";
  for (const auto& n : sc.nodes) {
    const auto it = node_results.find(n.id);
    const double u = it == node_results.end() ? 0 : it->second->utilisation.mean;
    const bool busy = u > 0;
    const double r0 = n.kind == model::NodeKind::kJunction ? 3.0 : 4.5;
    std::string tip =
        fmt::format("{} ({}, {}, {})", n.name, n.id, model::to_string(n.kind), n.country);
    if (it != node_results.end()) {
      const auto& s = *it->second;
      tip +=
          fmt::format("\n{} t/yr, utilisation {}, mean wait {} h", grouped(s.tonnes_per_year.mean),
                      percent(s.utilisation.mean), fixed(s.wait_mean_h.mean, 1));
    }
    const char* shape_fill = busy ? util_colour(u) : "#ffffff";
    if (n.kind == model::NodeKind::kBorder) {
      svg += fmt::format(
          "<rect class=\"node\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
          "fill=\"{}\" transform=\"rotate(45 {:.1f} {:.1f})\"><title>{}</title></rect>\n",
          px(n.lon) - r0 * 0.85, py(n.lat) - r0 * 0.85, r0 * 1.7, r0 * 1.7, shape_fill, px(n.lon),
          py(n.lat), html(tip));
    } else {
      svg += fmt::format(
          "<circle class=\"node\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"{}\">"
          "<title>{}</title></circle>\n",
          px(n.lon), py(n.lat), r0, shape_fill, html(tip));
    }
  }
  svg += "</g>\n";

  // Names, placed greedily where they overlap the fewest names and markers already placed:
  // every node's on a map of up to kMaxNames nodes; on a larger one, where more would cover the
  // map, those of the kMaxNames nodes with the most tonnes, busiest first. Every marker keeps
  // its tooltip.
  std::vector<std::size_t> named(sc.nodes.size());
  std::iota(named.begin(), named.end(), 0);
  if (named.size() > kMaxNames) {
    auto tonnes = [&](std::size_t i) {
      const auto it = node_results.find(sc.nodes[i].id);
      return it == node_results.end() ? 0.0 : it->second->tonnes_per_year.mean;
    };
    std::stable_sort(named.begin(), named.end(),
                     [&](std::size_t a, std::size_t b) { return tonnes(a) > tonnes(b); });
    named.resize(kMaxNames);
  }
  svg +=
      "<g font-size=\"11\" fill=\"#1d2733\" stroke=\"#f4f7fa\" stroke-width=\"3\" "
      "paint-order=\"stroke\" stroke-linejoin=\"round\">\n";
  for (const std::size_t i : named) {
    const model::Node& n = sc.nodes[i];
    const double x = px(n.lon);
    const double y = py(n.lat);
    const double w = label_width(n.name);
    constexpr double kH = 12;
    struct Candidate {
      Box box;
      double tx, ty;
      const char* anchor;
    };
    const Candidate candidates[] = {
        {{x + 7, y - kH / 2, x + 7 + w, y + kH / 2}, x + 7, y + 4, "start"},
        {{x - 7 - w, y - kH / 2, x - 7, y + kH / 2}, x - 7, y + 4, "end"},
        {{x - w / 2, y - 8 - kH, x + w / 2, y - 8}, x, y - 10, "middle"},
        {{x - w / 2, y + 8, x + w / 2, y + 8 + kH}, x, y + 18, "middle"},
        {{x + 6, y - 6 - kH, x + 6 + w, y - 6}, x + 6, y - 8, "start"},
        {{x + 6, y + 6, x + 6 + w, y + 6 + kH}, x + 6, y + 16, "start"},
        {{x - 6 - w, y - 6 - kH, x - 6, y - 6}, x - 6, y - 8, "end"},
        {{x - 6 - w, y + 6, x - 6, y + 6 + kH}, x - 6, y + 16, "end"},
    };
    const Candidate* best = nullptr;
    double best_cost = 1e300;
    for (const auto& c : candidates) {
      double cost = taken.overlap(c.box);
      if (c.box.x0 < 0 || c.box.x1 > kWidth || c.box.y0 < 0 || c.box.y1 > height) cost += 1e6;
      if (cost < best_cost) {
        best_cost = cost;
        best = &c;
      }
    }
    taken.add(best->box);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\">{}</text>\n", best->tx,
                       best->ty, best->anchor, html(n.name));
  }
  svg += "</g>\n";

  // Scale bar (km at the map's middle latitude).
  const double km_per_px = 111.32 / scale;
  const double bar_km = nice_step(km_per_px * 160, 1);
  const double bar_px = bar_km / km_per_px;
  svg += fmt::format(
      "<g transform=\"translate({:.1f},{:.1f})\" font-size=\"10\" fill=\"#26323f\">"
      "<rect x=\"0\" y=\"0\" width=\"{:.1f}\" height=\"4\" fill=\"#26323f\"/>"
      "<text x=\"0\" y=\"-4\">0</text><text x=\"{:.1f}\" y=\"-4\" text-anchor=\"end\">{} km</text>"
      "</g>\n",
      kWidth - 24 - bar_px, height - 22, bar_px, bar_px, grouped(bar_km));

  // Legend.
  constexpr double kLegendW = kLegendColumn - 14;
  const double legend_h = 24 + 5 * 15 + 20 + 3 * 16 + 20 + 4 * 15 + 10;
  svg += fmt::format(
      "<g id=\"map-legend\" transform=\"translate({:.0f},0)\" font-size=\"11\" "
      "fill=\"#1d2733\">"
      "<rect width=\"{:.0f}\" height=\"{:.0f}\" rx=\"5\" fill=\"#ffffff\" "
      "stroke=\"#c9d1da\"/>\n<text x=\"10\" y=\"17\" font-weight=\"600\">Utilisation</text>\n",
      kWidth + 14, kLegendW, legend_h);
  double ly = 30;
  for (const auto& c : kUtilClasses) {
    svg += fmt::format(
        "<line x1=\"10\" y1=\"{0:.0f}\" x2=\"38\" y2=\"{0:.0f}\" stroke=\"{1}\" "
        "stroke-width=\"5\"/><text x=\"46\" y=\"{2:.0f}\">{3}</text>\n",
        ly, c.colour, ly + 4, c.label);
    ly += 15;
  }
  svg += fmt::format(
      "<line x1=\"10\" y1=\"{0:.0f}\" x2=\"38\" y2=\"{0:.0f}\" stroke=\"{1}\" "
      "stroke-width=\"1.4\"/><text x=\"46\" y=\"{2:.0f}\">no traffic</text>\n",
      ly, kIdleColour, ly + 4);
  ly += 20;
  svg +=
      fmt::format("<text x=\"10\" y=\"{:.0f}\" font-weight=\"600\">Tonnes per year</text>\n", ly);
  ly += 13;
  for (double f : {1.0, 0.25, 0.04}) {
    if (max_t <= 0) break;
    svg += fmt::format(
        "<line x1=\"10\" y1=\"{0:.0f}\" x2=\"38\" y2=\"{0:.0f}\" stroke=\"#5b6776\" "
        "stroke-width=\"{1:.1f}\"/><text x=\"46\" y=\"{2:.0f}\">{3}</text>\n",
        ly, stroke_width(max_t * f), ly + 4, short_tonnes(max_t * f));
    ly += 16;
  }
  ly += 4;
  svg += fmt::format("<text x=\"10\" y=\"{:.0f}\" font-weight=\"600\">Mode</text>\n", ly);
  ly += 13;
  const std::pair<const char*, const char*> modes[] = {{"rail", ""},
                                                       {"road", " stroke-dasharray=\"10 4\""},
                                                       {"sea", " stroke-dasharray=\"5 5\""},
                                                       {"pipeline", " stroke-dasharray=\"1 5\""}};
  for (const auto& [name, dash] : modes) {
    svg += fmt::format(
        "<line x1=\"10\" y1=\"{0:.0f}\" x2=\"38\" y2=\"{0:.0f}\" stroke=\"#5b6776\" "
        "stroke-width=\"2.5\" stroke-linecap=\"round\"{1}/><text x=\"46\" y=\"{2:.0f}\">{3}</text>"
        "\n",
        ly, dash, ly + 4, name);
    ly += 15;
  }
  svg += "</g>\n</svg>\n";
  return svg;
}

// ------------------------------------------------------------------------------------ charts

// The largest value a corridor's chart must show: upper CI ends and capacity bounds.
double chart_max(const results::CorridorComparison& cc) {
  double max_v = 0;
  for (const auto& f : cc.runs) {
    if (!f.present) continue;
    max_v = std::max(max_v, f.tonnes_per_year.ci95_high);
    if (f.capacity && !f.capacity->unbounded) {
      max_v = std::max(max_v, f.capacity->capacity_t_per_year);
    }
  }
  return max_v;
}

// Horizontal bars of corridor throughput: one group per corridor, one bar per run, with the 95%
// CI as a whisker and the analytic capacity as a tick when known.
std::string svg_throughput_bars(const results::Comparison& c) {
  if (c.corridors.empty()) return "<p class=\"muted\">The scenario defines no corridors.</p>";
  constexpr double kWidth = 600;
  constexpr double kLabelW = 40;
  constexpr double kBarH = 16;
  constexpr double kRight = 96;
  const std::size_t runs = c.runs.size();
  double max_v = 0;
  for (const auto& cc : c.corridors) max_v = std::max(max_v, chart_max(cc));
  if (max_v <= 0) max_v = 1;
  const double plot_w = kWidth - kLabelW - kRight;
  auto xv = [&](double v) { return kLabelW + plot_w * std::clamp(v / max_v, 0.0, 1.0); };
  const double group_h = 22 + static_cast<double>(runs) * (kBarH + 4) + 8;
  const double height = 26 + group_h * static_cast<double>(c.corridors.size());

  std::string svg = fmt::format(
      "<svg class=\"chart\" id=\"throughput-chart\" viewBox=\"0 0 {0:.0f} {1:.0f}\" "
      "width=\"{0:.0f}\" height=\"{1:.0f}\" role=\"img\" aria-label=\"Corridor throughput\">\n",
      kWidth, height);
  // Axis ticks.
  const double step = nice_step(max_v, 4);
  svg += "<g font-size=\"10\" fill=\"#5b6776\">\n";
  for (double v = 0; v <= max_v * 1.0001; v += step) {
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"16\" x2=\"{0:.1f}\" y2=\"{1:.0f}\" stroke=\"#e6eaef\"/>"
        "<text x=\"{0:.1f}\" y=\"11\" text-anchor=\"middle\">{2}</text>\n",
        xv(v), height - 4, short_tonnes(v));
  }
  svg += "</g>\n";
  double y = 26;
  for (const auto& cc : c.corridors) {
    svg += fmt::format(
        "<text x=\"4\" y=\"{:.0f}\" font-size=\"12\" font-weight=\"600\" fill=\"#1d2733\">{}"
        "</text>\n",
        y + 12, html(cc.name.empty() ? cc.id : cc.name));
    y += 20;
    for (std::size_t i = 0; i < runs; ++i) {
      const auto& f = cc.runs[i];
      if (f.present) {
        const auto& e = f.tonnes_per_year;
        const std::string tip = fmt::format("{}: {} ± {} t/yr", c.runs[i].label, grouped(e.mean),
                                            grouped(e.half_width()));
        svg += fmt::format(
            "<g><title>{}</title><text x=\"{:.0f}\" y=\"{:.1f}\" font-size=\"10\" "
            "fill=\"#5b6776\" text-anchor=\"end\">[{}]</text>"
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" fill=\"{}\" "
            "rx=\"2\"/>",
            html(tip), kLabelW - 6, y + kBarH - 4, i + 1, kLabelW, y,
            std::max(0.0, xv(e.mean) - kLabelW), kBarH, run_colour(i));
        if (e.n >= 2 && e.ci95_high > e.ci95_low) {
          const double ym = y + kBarH / 2;
          svg += fmt::format(
              "<path d=\"M{0:.1f} {1:.1f}H{2:.1f}M{0:.1f} {3:.1f}V{4:.1f}M{2:.1f} {3:.1f}"
              "V{4:.1f}\" stroke=\"#1d2733\" stroke-width=\"1.3\" fill=\"none\"/>",
              xv(e.ci95_low), ym, xv(e.ci95_high), ym - 4, ym + 4);
        }
        if (f.capacity && !f.capacity->unbounded) {
          const double xc = xv(f.capacity->capacity_t_per_year);
          svg += fmt::format(
              "<path d=\"M{0:.1f} {1:.1f}V{2:.1f}\" stroke=\"#b42318\" stroke-width=\"2.2\"/>", xc,
              y - 2, y + kBarH + 2);
        }
        svg += fmt::format(
            "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" fill=\"#1d2733\">{}</text></g>\n",
            std::max(xv(e.ci95_high), xv(e.mean)) + 5, y + kBarH - 4, short_tonnes(e.mean));
      }
      y += kBarH + 4;
    }
    y += 8;
  }
  svg += "</svg>\n";
  return svg;
}

// Small multiples: one throughput curve per corridor over the sweep's grid points, with the
// 95% CI as a band and the capacity bound as a dashed line when known.
std::string svg_sweep_curves(const results::SweepResults& s) {
  const auto& c = s.comparison;
  std::string out = "<div class=\"curves\" style=\"display:flex;flex-wrap:wrap;gap:14px\">\n";
  constexpr double kW = 440, kH = 260, kL = 58, kR = 14, kT = 26, kB = 52;
  const std::size_t n = c.runs.size();
  for (const auto& cc : c.corridors) {
    double max_v = chart_max(cc);
    if (max_v <= 0) max_v = 1;
    const double step = nice_step(max_v, 4);
    const double top = std::ceil(max_v / step) * step;
    auto xp = [&](std::size_t i) {
      return n <= 1 ? (kL + kW - kR) / 2
                    : kL + (kW - kL - kR) * static_cast<double>(i) / static_cast<double>(n - 1);
    };
    auto yp = [&](double v) { return kT + (kH - kT - kB) * (1 - v / top); };
    std::string svg = fmt::format(
        "<svg class=\"chart sweep-curve\" viewBox=\"0 0 {0:.0f} {1:.0f}\" width=\"{0:.0f}\" "
        "height=\"{1:.0f}\" role=\"img\" aria-label=\"Throughput of {2} over the sweep\">\n"
        "<text x=\"8\" y=\"16\" font-size=\"12\" font-weight=\"600\">{2}</text>\n",
        kW, kH, html(cc.name.empty() ? cc.id : cc.name));
    svg += "<g font-size=\"10\" fill=\"#5b6776\">\n";
    for (double v = 0; v <= top * 1.0001; v += step) {
      svg += fmt::format(
          "<line x1=\"{0:.0f}\" y1=\"{1:.1f}\" x2=\"{2:.0f}\" y2=\"{1:.1f}\" stroke=\"#e6eaef\"/>"
          "<text x=\"{3:.0f}\" y=\"{4:.1f}\" text-anchor=\"end\">{5}</text>\n",
          kL, yp(v), kW - kR, kL - 6, yp(v) + 3, short_tonnes(v));
    }
    for (std::size_t i = 0; i < n; ++i) {
      std::string label;
      for (const auto& v : s.points[i]) label += (label.empty() ? "" : ", ") + v;
      svg += fmt::format("<text x=\"{0:.1f}\" y=\"{1:.0f}\" text-anchor=\"middle\">{2}</text>\n",
                         xp(i), kH - kB + 16, html(label));
    }
    std::string axis;
    for (const auto& p : s.parameters) axis += (axis.empty() ? "" : ", ") + p.path;
    svg += fmt::format("<text x=\"{:.0f}\" y=\"{:.0f}\" text-anchor=\"middle\">{}</text>\n",
                       (kL + kW - kR) / 2, kH - 10, html(axis));
    svg += "</g>\n";
    std::string band_top, band_bottom, line, dots, cap;
    for (std::size_t i = 0; i < n; ++i) {
      const auto& f = cc.runs[i];
      if (!f.present) continue;
      const auto& e = f.tonnes_per_year;
      band_top +=
          fmt::format("{}{:.1f},{:.1f}", band_top.empty() ? "" : " ", xp(i), yp(e.ci95_high));
      band_bottom = fmt::format(" {:.1f},{:.1f}", xp(i), yp(e.ci95_low)) + band_bottom;
      line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", xp(i), yp(e.mean));
      dots += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"#1f5f99\"><title>{}: {} ± {} t/yr"
          "</title></circle>\n",
          xp(i), yp(e.mean), html(c.runs[i].label), grouped(e.mean), grouped(e.half_width()));
      if (f.capacity && !f.capacity->unbounded) {
        cap += fmt::format("{}{:.1f},{:.1f}", cap.empty() ? "" : " ", xp(i),
                           yp(f.capacity->capacity_t_per_year));
      }
    }
    if (!line.empty()) {
      svg += fmt::format("<polygon points=\"{}{}\" fill=\"#1f5f99\" fill-opacity=\"0.15\"/>\n",
                         band_top, band_bottom);
      if (!cap.empty()) {
        svg += fmt::format(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#b42318\" stroke-width=\"1.5\" "
            "stroke-dasharray=\"5 4\"/>\n",
            cap);
      }
      svg += fmt::format(
          "<polyline points=\"{}\" fill=\"none\" stroke=\"#1f5f99\" stroke-width=\"2\"/>\n{}", line,
          dots);
    }
    svg += "</svg>\n";
    out += "<div class=\"panel\">" + svg + "</div>\n";
  }
  out += "</div>\n";
  return out;
}

// ------------------------------------------------------------------------------------ tables

std::string corridor_table(const results::Comparison& c) {
  const bool several = c.runs.size() > 1;
  std::string out = "<table class=\"sortable\" id=\"corridor-table\"><thead><tr><th>Corridor</th>";
  if (several) out += "<th>Run</th>";
  out +=
      "<th class=\"num\">Tonnes/year</th><th class=\"num\">95% CI</th>"
      "<th class=\"num\">Loaded trips/day</th>";
  if (several) out += "<th class=\"num\">Difference from [1] (paired 95% CI)</th>";
  out +=
      "<th class=\"num\">Capacity t/yr</th><th>Binding element</th>"
      "<th class=\"num\">Binding utilisation</th><th class=\"num\">Transit h</th>"
      "<th class=\"num\">Trade value USD/yr</th></tr></thead><tbody>\n";
  for (const auto& cc : c.corridors) {
    for (std::size_t i = 0; i < cc.runs.size(); ++i) {
      const auto& f = cc.runs[i];
      if (!f.present) continue;
      const auto& e = f.tonnes_per_year;
      const auto& run = c.runs[i].results;
      double trips = 0;
      for (const auto& s : run.corridors) {
        if (s.id == cc.id) trips = s.loaded_trips_per_day.mean;
      }
      out += fmt::format("<tr><td><b>{}</b><br><span class=\"muted\">{}</span></td>", html(cc.id),
                         html(cc.name));
      if (several) out += fmt::format("<td>[{}] {}</td>", i + 1, html(c.runs[i].label));
      out += num_cell(e.mean, grouped(e.mean));
      out +=
          fmt::format("<td class=\"num\">{} – {}</td>", grouped(e.ci95_low), grouped(e.ci95_high));
      out += num_cell(trips, fixed(trips, 2));
      if (several) {
        const auto& d = f.difference_t_per_year;
        const bool significant = d.n >= 2 && (d.ci95_low > 0 || d.ci95_high < 0);
        out += fmt::format("<td class=\"num{}\" data-v=\"{}\">{}</td>",
                           significant ? (d.mean > 0 ? " pos" : " neg") : "",
                           text::num(d.n ? d.mean : 0), html(text::signed_with_ci(d)));
      }
      const double cap = f.capacity && !f.capacity->unbounded ? f.capacity->capacity_t_per_year : 0;
      out += num_cell(cap, capacity_label(f));
      out += fmt::format("<td>{}</td>", html(binding_label(f)));
      if (f.binding_utilisation) {
        out += util_cell(*f.binding_utilisation);
      } else {
        out += "<td class=\"num\" data-v=\"0\">-</td>";
      }
      out += num_cell(f.transit_mean_h.value_or(0),
                      f.transit_mean_h ? fixed(*f.transit_mean_h, 1) : "-");
      out += num_cell(f.value_usd_per_year.mean, grouped(f.value_usd_per_year.mean));
      out += "</tr>\n";
    }
  }
  out += "</tbody></table>\n";
  return out;
}

std::string bottleneck_table(const results::RunResults& r) {
  struct Row {
    std::string id, name, what;
    const results::LinkSummary* link = nullptr;
    const results::NodeSummary* node = nullptr;
    double u = 0;
  };
  std::vector<Row> rows;
  for (const auto* l : busiest(r.links, 10)) {
    rows.push_back(
        {l->id, l->from + " → " + l->to, "link, " + l->mode, l, nullptr, l->utilisation.mean});
  }
  for (const auto* n : busiest(r.nodes, 10)) {
    rows.push_back({n->id, n->name, "node, " + n->kind, nullptr, n, n->utilisation.mean});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.u > b.u; });
  if (rows.size() > 12) rows.resize(12);
  if (rows.empty()) return "<p class=\"muted\">Nothing was busy.</p>";
  std::string out =
      "<table class=\"sortable bottlenecks\"><thead><tr><th>Element</th><th>Type</th>"
      "<th class=\"num\">Utilisation</th><th class=\"num\">Tonnes/year</th>"
      "<th class=\"num\">Vehicles/day</th><th class=\"num\">Mean wait h</th>"
      "<th class=\"num\">p95 wait h</th><th class=\"num\">Closed days</th></tr></thead><tbody>\n";
  for (const auto& row : rows) {
    auto cells = [&](const auto& s) {
      return util_cell(s.utilisation.mean) +
             num_cell(s.tonnes_per_year.mean, grouped(s.tonnes_per_year.mean)) +
             num_cell(s.vehicles_per_day.mean, fixed(s.vehicles_per_day.mean, 1)) +
             num_cell(s.wait_mean_h.mean, fixed(s.wait_mean_h.mean, 2)) +
             num_cell(s.wait_p95_h.mean, fixed(s.wait_p95_h.mean, 2)) +
             num_cell(s.closed_days.mean, fixed(s.closed_days.mean, 1));
    };
    out += fmt::format(
        "<tr><td><b>{}</b><br><span class=\"muted\">{}</span></td><td>{}</td>{}"
        "</tr>\n",
        html(row.id), html(row.name), html(row.what),
        row.link != nullptr ? cells(*row.link) : cells(*row.node));
  }
  out += "</tbody></table>\n";
  return out;
}

std::string flow_table(const results::RunResults& r) {
  if (r.flows.empty()) return "<p class=\"muted\">The scenario has no flows.</p>";
  std::string out =
      "<table class=\"sortable flows\"><thead><tr><th>Flow</th><th>Commodity</th>"
      "<th class=\"num\">Demand t/yr</th><th class=\"num\">Delivered t/yr</th>"
      "<th class=\"num\">Delivered share</th><th class=\"num\">Backlog t</th>"
      "<th class=\"num\">Transit h</th><th class=\"num\">p95 h</th><th class=\"num\">SWOD km/h"
      "</th><th class=\"num\">SWD km/h</th><th>Route</th></tr></thead><tbody>\n";
  for (const auto& f : r.flows) {
    const double share = f.demanded_t_per_year.mean > 0
                             ? f.delivered_t_per_year.mean / f.demanded_t_per_year.mean
                             : 0;
    out += fmt::format("<tr><td><b>{}</b><br><span class=\"muted\">{} → {}</span></td><td>{}</td>",
                       html(f.id), html(f.origin), html(f.destination), html(f.commodity));
    out += num_cell(f.volume_t_per_year, grouped(f.volume_t_per_year));
    out += num_cell(f.delivered_t_per_year.mean, html(text::with_ci(f.delivered_t_per_year)));
    out += num_cell(share, percent(share));
    out += num_cell(f.backlog_t.mean, grouped(f.backlog_t.mean));
    out += num_cell(f.transit_mean_h.mean, fixed(f.transit_mean_h.mean, 1));
    out += num_cell(f.transit_p95_h.mean, fixed(f.transit_p95_h.mean, 1));
    out += num_cell(f.swod_kmh.mean, fixed(f.swod_kmh.mean, 1));
    out += num_cell(f.swd_kmh.mean, fixed(f.swd_kmh.mean, 1));
    out += fmt::format("<td class=\"route\">{} ({} km)</td></tr>\n", html(f.route),
                       grouped(f.route_km));
  }
  out += "</tbody></table>\n";
  return out;
}

// ------------------------------------------------------------------------------------ the page

std::string fact(const std::string& value, const std::string& label) {
  return fmt::format("<div class=\"fact\"><b>{}</b><span>{}</span></div>", html(value),
                     html(label));
}

std::string run_facts(const model::Scenario& sc, const results::RunResults& r) {
  std::string out = "<div class=\"facts\">";
  out += fact(fmt::format("{}", r.replications), "replications");
  out += fact(fmt::format("{}", r.seed), "random seed");
  out += fact(fixed(r.horizon_days, 0) + " d", "horizon");
  out += fact(fixed(r.warmup_days, 0) + " d", "warm-up (not counted)");
  out += fact(fmt::format("{} / {}", sc.nodes.size(), sc.links.size()), "nodes / links");
  out += fact(fmt::format("{}", sc.flows.size()), "demand flows");
  out += fact(grouped(static_cast<double>(r.events)), "events simulated");
  out += "</div>\n";
  return out;
}

constexpr const char* kHowToRead =
    "<div class=\"note\"><b>How to read this report.</b> Figures are averages over independent "
    "replications of the simulated year (after the warm-up); <i>±</i> and the whiskers give the "
    "95% confidence interval of that average. Throughput is what a corridor actually carried, "
    "in tonnes per year. Utilisation is the share of time an element (track section, berth, "
    "border channel, transfer line) was busy: above about 80% queues grow quickly, so these are "
    "the bottlenecks. On the map, colour shows utilisation and line width shows tonnes; hover "
    "over a line or marker for its figures. Click a table heading to sort.%EXTRA%</div>\n";

std::string how_to_read(const std::string& extra) {
  std::string s = kHowToRead;
  s.replace(s.find("%EXTRA%"), 7, extra);
  return s;
}

std::string page(const std::string& title, const std::string& subtitle, const std::string& body,
                 const std::string& footer) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<header><h1>" + html(title) + "</h1><p>" + html(subtitle) + "</p></header>\n";
  out += "<main>\n" + body + "</main>\n";
  out += "<footer>" + html(footer) + "</footer>\n";
  out += std::string("<script>") + kScript + "</script>\n</body>\n</html>\n";
  return out;
}

std::string footer_text(const results::RunResults& r) {
  return fmt::format("corridor {} · {} · seed {}, {} replications", r.meta.version, r.file, r.seed,
                     r.replications);
}

// Per-run detail: map with the throughput chart beside it, then bottlenecks and flows.
std::string run_sections(const model::Scenario& sc, const results::RunResults& r,
                         const std::string& chart) {
  std::string out = chart.empty() ? "<div>\n" : "<div class=\"grid\">\n";
  out += "<section><h2>Network map</h2><div class=\"panel\">";
  out += svg_map(sc, r);
  out +=
      "</div><p class=\"muted\">Equirectangular projection of the node coordinates; links "
      "are drawn straight between their end nodes (not their real alignment).</p></section>\n";
  if (!chart.empty()) out += "<section>" + chart + "</section>\n";
  out += "</div>\n";
  out += "<h2>Top bottlenecks</h2>" + bottleneck_table(r);
  out += "<h2>Flows</h2>" + flow_table(r);
  return out;
}

std::string chart_section(const results::Comparison& c) {
  std::string out = "<h2>Corridor throughput (tonnes per year)</h2><div class=\"panel\">";
  out += svg_throughput_bars(c);
  out += "</div><p class=\"muted\">Bars: mean; whiskers: 95% CI";
  bool any_capacity = false;
  for (const auto& cc : c.corridors) {
    for (const auto& f : cc.runs) any_capacity = any_capacity || f.capacity.has_value();
  }
  if (any_capacity) out += "; red tick: analytic capacity (maximum-flow bound)";
  out += ".</p>\n";
  return out;
}

// The comparison of one run, for the corridor chart and table of a single-run report.
results::Comparison single(const model::Scenario& sc, const results::RunResults& r) {
  results::Comparison c;
  c.runs.push_back({r.scenario, sc, r});
  for (const auto& s : r.corridors) {
    results::CorridorFigures f;
    f.present = true;
    f.tonnes_per_year = s.tonnes_per_year;
    f.value_usd_per_year = s.value_usd_per_year;
    f.capacity = s.capacity;
    f.binding_utilisation = s.binding_utilisation;
    f.binding_utilisation_id = s.binding_utilisation_id;
    c.corridors.push_back({s.id, s.name, {f}});
  }
  return c;
}

std::string comparison_body(const results::Comparison& c, const std::string& extra_top) {
  std::string body = extra_top;
  body += chart_section(c);
  body += "<h2>Corridors side by side</h2>" + corridor_table(c);
  body += "<h2>Runs</h2>";
  for (std::size_t i = 0; i < c.runs.size(); ++i) {
    const auto& run = c.runs[i];
    body += fmt::format("<details{}><summary>[{}] {}</summary>\n", i == 0 ? " open" : "", i + 1,
                        html(run.label));
    body += "<p class=\"muted\">" + html(run.scenario.description) + " (" + html(run.results.file) +
            ")</p>";
    body += run_facts(run.scenario, run.results);
    body += run_sections(run.scenario, run.results, "");
    body += "</details>\n";
  }
  return body;
}

}  // namespace

std::string to_html(const model::Scenario& scenario, const results::RunResults& results) {
  const results::Comparison c = single(scenario, results);
  std::string body = run_facts(scenario, results) + how_to_read("");
  if (results.stopped) {
    body +=
        "<div class=\"note\"><b>Interrupted run:</b> only finished replications are "
        "summarised.</div>\n";
  }
  body += run_sections(scenario, results, chart_section(c));
  body += "<h2>Corridors</h2>" + corridor_table(c);
  const std::string subtitle = scenario.description.empty() ? results.file : scenario.description;
  return page(results.scenario, subtitle, body, footer_text(results));
}

std::string to_html(const results::Comparison& comparison) {
  std::string title = "Scenario comparison";
  std::string subtitle;
  for (std::size_t i = 0; i < comparison.runs.size(); ++i) {
    subtitle += fmt::format("{}[{}] {}", i == 0 ? "" : " · ", i + 1, comparison.runs[i].label);
  }
  const std::string note = how_to_read(
      " Every scenario ran with the same seed, so shared elements drew the same random numbers; "
      "the difference from run [1] is estimated replication by replication, and is shown in "
      "colour when its 95% CI excludes zero.");
  std::string top;
  if (!comparison.runs.empty()) {
    const auto& r = comparison.runs.front().results;
    top = "<div class=\"facts\">" + fact(fmt::format("{}", comparison.runs.size()), "scenarios") +
          fact(fmt::format("{}", r.replications), "replications each") +
          fact(fmt::format("{}", r.seed), "common seed") +
          fact(fixed(r.horizon_days, 0) + " d", "horizon") + "</div>\n";
  }
  const std::string footer =
      comparison.runs.empty() ? "" : footer_text(comparison.runs.front().results);
  return page(title, subtitle, comparison_body(comparison, top + note), footer);
}

std::string to_html(const results::SweepResults& sweep) {
  std::string subtitle;
  for (const auto& p : sweep.parameters) {
    if (!subtitle.empty()) subtitle += "; ";
    subtitle += p.path + " = " + fmt::format("{}", fmt::join(p.values, ", "));
  }
  const auto& c = sweep.comparison;
  std::string title = "Parameter sweep";
  if (!c.runs.empty()) title += ": " + c.runs.front().results.scenario;
  std::string top;
  if (!c.runs.empty()) {
    const auto& r = c.runs.front().results;
    top = "<div class=\"facts\">" + fact(fmt::format("{}", c.runs.size()), "grid points") +
          fact(fmt::format("{}", r.replications), "replications each") +
          fact(fmt::format("{}", r.seed), "common seed") +
          fact(fixed(r.horizon_days, 0) + " d", "horizon") + "</div>\n";
  }
  top += how_to_read(
      " Every grid point ran with the same seed; differences from the first point are paired by "
      "replication.");
  top += "<h2>Throughput over the sweep</h2>" + svg_sweep_curves(sweep) +
         "<p class=\"muted\">Line: mean tonnes per year; band: 95% CI; dashed red: analytic "
         "capacity when known.</p>\n";
  const std::string footer = c.runs.empty() ? "" : footer_text(c.runs.front().results);
  return page(title, subtitle, comparison_body(c, top), footer);
}

}  // namespace corridor::report
