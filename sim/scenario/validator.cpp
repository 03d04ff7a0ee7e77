// The validator of the scenario stage (see corridor/scenario/validator.hpp). Reads the raw tree
// list by list, converting quantities to base units, and collects every problem as a
// diagnostic located at the offending value. References are checked once all ids are known.
#include "corridor/scenario/validator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "corridor/scenario/merge.hpp"
#include "corridor/scenario/suggest.hpp"
#include "corridor/scenario/units.hpp"

namespace corridor::scenario {
namespace {

using Keys = std::vector<std::string>;

/// A key path in two spellings: `shown` with list indices for messages (`links[3].to`), `key`
/// with entry ids for Scenario::sources (`links.kti_kz.to`).
struct Path {
  std::string shown;
  std::string key;

  [[nodiscard]] Path child(std::string_view name) const {
    return {join(shown, name), join(key, name)};
  }
  [[nodiscard]] Path entry(std::size_t index, const std::string& id) const {
    return {fmt::format("{}[{}]", shown, index),
            join(key, id.empty() ? std::to_string(index) : id)};
  }

 private:
  static std::string join(const std::string& a, std::string_view b) {
    return a.empty() ? std::string(b) : a + "." + std::string(b);
  }
};

/// One entry of an enum-like key: the spelling in the file and the value.
template <typename E>
using Choices = std::vector<std::pair<std::string, E>>;

const Choices<model::NodeKind> kNodeKinds = {
    {"station", model::NodeKind::kStation},   {"port", model::NodeKind::kPort},
    {"border", model::NodeKind::kBorder},     {"terminal", model::NodeKind::kTerminal},
    {"junction", model::NodeKind::kJunction}, {"city", model::NodeKind::kCity},
    {"field", model::NodeKind::kField}};
const Choices<model::Mode> kModes = {{"rail", model::Mode::kRail},
                                     {"road", model::Mode::kRoad},
                                     {"sea", model::Mode::kSea},
                                     {"pipeline", model::Mode::kPipeline}};
const Choices<model::FleetKind> kFleetKinds = {{"train", model::FleetKind::kTrain},
                                               {"truck", model::FleetKind::kTruck},
                                               {"vessel", model::FleetKind::kVessel}};
const Choices<std::string> kBerthTypes = {
    {"ferry", "ferry"}, {"dry_bulk", "dry_bulk"}, {"grain", "grain"}, {"container", "container"},
    {"oil", "oil"},     {"general", "general"},   {"roro", "roro"}};
const Choices<model::Transfer::Method> kTransferMethods = {
    {"transload", model::Transfer::Method::kTransload},
    {"wheelset_change", model::Transfer::Method::kWheelsetChange}};
const Choices<model::Departure::Policy> kPolicies = {
    {"when_full", model::Departure::Policy::kWhenFull},
    {"schedule", model::Departure::Policy::kSchedule}};
const Choices<model::Flow::Arrivals> kArrivals = {{"regular", model::Flow::Arrivals::kRegular},
                                                  {"poisson", model::Flow::Arrivals::kPoisson}};
const Choices<model::Disruption::Kind> kDisruptionKinds = {
    {"closure", model::Disruption::Kind::kClosure},
    {"outage", model::Disruption::Kind::kOutage},
    {"weather", model::Disruption::Kind::kWeather}};
const Choices<model::Distribution::Kind> kDistributions = {
    {"exponential", model::Distribution::Kind::kExponential},
    {"uniform", model::Distribution::Kind::kUniform},
    {"triangular", model::Distribution::Kind::kTriangular},
    {"lognormal", model::Distribution::Kind::kLognormal}};

template <typename E>
Keys names_of(const Choices<E>& choices) {
  Keys names;
  for (const auto& [name, value] : choices) names.push_back(name);
  return names;
}

std::string comma_list(const Keys& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool is_valid_id(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

/// Ids of one list, with where each was first defined.
struct IdTable {
  std::string noun;
  std::map<std::string, SourceLocation> first;
  Keys order;
  [[nodiscard]] bool contains(const std::string& id) const { return first.count(id) > 0; }
};

/// A reference to check once every list has been read.
struct Reference {
  const DocNode* node;
  Path path;
  std::vector<const IdTable*> targets;  ///< any of these lists may hold the id
  /// Extra check on the referenced id (e.g. "is a vessel"); returns a message or "".
  std::function<std::string(const std::string&)> check;
};

enum class Sign { kPositive, kNonNegative, kAny };

class Validator {
 public:
  explicit Validator(std::vector<Diagnostic>& diagnostics) : diagnostics_(diagnostics) {
    nodes_.noun = "node";
    links_.noun = "link";
    fleets_.noun = "fleet";
    flows_.noun = "flow";
    disruptions_.noun = "disruption";
    corridors_.noun = "corridor";
  }

  model::Scenario run(const DocNode& root, const std::string& file) {
    model::Scenario s;
    s.file = file;
    const Path top;
    check_keys(root, top,
               {"name", "description", "extends", "run", "nodes", "links", "fleets", "demand",
                "disruptions", "corridors"},
               /*allow_source=*/false);
    if (auto v = string_of(get(root, top, "name", true), top.child("name"))) s.name = *v;
    if (auto v = string_of(get(root, top, "description"), top.child("description"))) {
      s.description = *v;
    }
    if (const DocNode* run = get(root, top, "run")) s.run = read_run(*run, top.child("run"));

    // Ids first, so that references in any list can be checked against every list.
    const DocNode* nodes = list_of(root, top, "nodes", true);
    const DocNode* links = list_of(root, top, "links", false);
    const DocNode* fleets = list_of(root, top, "fleets", false);
    const DocNode* demand = list_of(root, top, "demand", false);
    const DocNode* disruptions = list_of(root, top, "disruptions", false);
    const DocNode* corridors = list_of(root, top, "corridors", false);

    check_count(nodes, top.child("nodes"), "nodes", kMaxNodes);
    check_count(links, top.child("links"), "links", kMaxLinks);
    check_count(demand, top.child("demand"), "flows", kMaxFlows);
    if (nodes != nullptr) {
      read_entries(*nodes, top.child("nodes"), nodes_,
                   [&](const DocNode& e, const Path& p) { s.nodes.push_back(read_node(e, p)); });
    }
    if (fleets != nullptr) {
      read_entries(*fleets, top.child("fleets"), fleets_,
                   [&](const DocNode& e, const Path& p) { s.fleets.push_back(read_fleet(e, p)); });
    }
    if (links != nullptr) {
      read_entries(*links, top.child("links"), links_,
                   [&](const DocNode& e, const Path& p) { s.links.push_back(read_link(e, p)); });
    }
    if (demand != nullptr) {
      read_entries(*demand, top.child("demand"), flows_,
                   [&](const DocNode& e, const Path& p) { s.flows.push_back(read_flow(e, p)); });
    }
    if (disruptions != nullptr) {
      read_entries(
          *disruptions, top.child("disruptions"), disruptions_,
          [&](const DocNode& e, const Path& p) { s.disruptions.push_back(read_disruption(e, p)); });
    }
    if (corridors != nullptr) {
      read_entries(
          *corridors, top.child("corridors"), corridors_,
          [&](const DocNode& e, const Path& p) { s.corridors.push_back(read_corridor(e, p)); });
    }
    check_references();
    s.sources = std::move(sources_);
    return s;
  }

 private:
  // ---- reporting ---------------------------------------------------------------------------

  void error(const SourceLocation& where, const Path& path, std::string message) {
    diagnostics_.push_back({where, path.shown, std::move(message)});
  }
  void error(const DocNode& at, const Path& path, std::string message) {
    error(at.where, path, std::move(message));
  }

  // ---- maps and keys -----------------------------------------------------------------------

  /// Reports keys of `map` not in `allowed`, and records an entry-level `source:`.
  void check_keys(const DocNode& map, const Path& path, const Keys& allowed,
                  bool allow_source = true) {
    for (const auto& e : map.entries) {
      if (allow_source && e.key == "source") {
        if (auto text = string_of(&e.value, path.child("source"))) sources_[path.key] = *text;
        continue;
      }
      if (std::find(allowed.begin(), allowed.end(), e.key) != allowed.end()) continue;
      if (e.key == "remove") {
        error(e.key_where, path, "'remove' only applies to entries of a file that uses 'extends'");
        continue;
      }
      error(e.key_where, path,
            fmt::format("unknown key '{}'{}", e.key, did_you_mean(e.key, allowed)));
    }
  }

  /// True when `node` is a map; reports "expected a map" otherwise.
  bool expect_map(const DocNode& node, const Path& path, std::string_view what = "a map") {
    if (node.is_map()) return true;
    error(node, path, fmt::format("expected {}, got {}", what, describe(node)));
    return false;
  }

  /// The value of `key` in `map`, unwrapping `{value:, source:}` (and recording the source).
  /// Reports a missing required key at the map.
  const DocNode* get(const DocNode& map, const Path& path, const std::string& key,
                     bool required = false) {
    const DocNode* value = map.find(key);
    if (value == nullptr) {
      if (required) error(map, path, fmt::format("missing required key '{}'", key));
      return nullptr;
    }
    if (value->is_map() && value->find("value") != nullptr &&
        std::all_of(value->entries.begin(), value->entries.end(),
                    [](const DocEntry& e) { return e.key == "value" || e.key == "source"; })) {
      const Path p = path.child(key);
      if (const DocNode* source = value->find("source")) {
        if (auto text = string_of(source, p.child("source"))) sources_[p.key] = *text;
      }
      return value->find("value");
    }
    return value;
  }

  // ---- typed values ------------------------------------------------------------------------

  std::optional<std::string> string_of(const DocNode* node, const Path& path) {
    if (node == nullptr) return std::nullopt;
    if (!node->is_scalar()) {
      error(*node, path, "expected a text, got " + describe(*node));
      return std::nullopt;
    }
    return node->text;
  }

  std::optional<std::int64_t> integer_of(const DocNode* node, const Path& path, std::int64_t min,
                                         std::int64_t max = std::numeric_limits<int>::max()) {
    if (node == nullptr) return std::nullopt;
    std::int64_t value = 0;
    const std::string& t = node->text;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (!node->is_scalar() || t.empty() || ptr != t.data() + t.size() ||
        (ec != std::errc() && ec != std::errc::result_out_of_range)) {
      error(*node, path, "expected a whole number, got " + describe(*node));
      return std::nullopt;
    }
    if (ec == std::errc::result_out_of_range || value > max) {
      error(*node, path, fmt::format("must be at most {}, got '{}'", max, t));
      return std::nullopt;
    }
    if (value < min) {
      error(*node, path, fmt::format("must be at least {}, got '{}'", min, t));
      return std::nullopt;
    }
    return value;
  }

  std::optional<int> int_of(const DocNode* node, const Path& path, int min) {
    auto v = integer_of(node, path, min);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
  }

  std::optional<double> number_of(const DocNode* node, const Path& path, double min, double max) {
    if (node == nullptr) return std::nullopt;
    double value = 0;
    if (!node->is_scalar() || !parse_number(node->text, value)) {
      error(*node, path, "expected a number, got " + describe(*node));
      return std::nullopt;
    }
    if (value < min || value > max) {
      error(*node, path, fmt::format("must be between {} and {}, got '{}'", min, max, node->text));
      return std::nullopt;
    }
    return value;
  }

  std::optional<double> quantity_of(const DocNode* node, const Path& path, Dimension dimension,
                                    Sign sign = Sign::kPositive) {
    if (node == nullptr) return std::nullopt;
    if (!node->is_scalar()) {
      error(*node, path,
            fmt::format("expected {}, got {}", expected_units(dimension), describe(*node)));
      return std::nullopt;
    }
    const Quantity q = parse_quantity(node->text, dimension);
    if (!q.ok()) {
      error(*node, path, q.error);
      return std::nullopt;
    }
    if (sign == Sign::kPositive && q.magnitude <= 0) {
      error(*node, path, fmt::format("must be positive, got '{}'", node->text));
      return std::nullopt;
    }
    if (sign == Sign::kNonNegative && q.magnitude < 0) {
      error(*node, path, fmt::format("must not be negative, got '{}'", node->text));
      return std::nullopt;
    }
    return q.value;
  }

  template <typename E>
  std::optional<E> choice_of(const DocNode* node, const Path& path, std::string_view what,
                             const Choices<E>& choices) {
    if (node == nullptr) return std::nullopt;
    if (node->is_scalar()) {
      for (const auto& [name, value] : choices) {
        if (name == node->text) return value;
      }
    }
    const Keys names = names_of(choices);
    error(*node, path,
          fmt::format("unknown {} {}; expected one of {}{}", what, describe(*node),
                      comma_list(names), node->is_scalar() ? did_you_mean(node->text, names) : ""));
    return std::nullopt;
  }

  std::optional<model::OperatingHours> hours_of(const DocNode* node, const Path& path) {
    if (node == nullptr) return std::nullopt;
    auto text = string_of(node, path);
    if (!text) return std::nullopt;
    const Hours h = parse_hours(*text);
    if (!h.ok()) {
      error(*node, path, h.error);
      return std::nullopt;
    }
    return h.value;
  }

  /// A duration: fixed ("2 h") or `{dist: ..., ...}`.
  std::optional<model::Distribution> distribution_of(const DocNode* node, const Path& path) {
    if (node == nullptr) return std::nullopt;
    model::Distribution d;
    if (!node->is_map()) {
      auto v = quantity_of(node, path, Dimension::kDuration, Sign::kNonNegative);
      if (!v) return std::nullopt;
      d.mean_s = *v;
      return d;
    }
    const DocNode* dist = node->find("dist");
    if (dist == nullptr) {
      error(*node, path,
            "missing required key 'dist' (exponential, uniform, triangular or lognormal)");
      return std::nullopt;
    }
    auto kind = choice_of(dist, path.child("dist"), "distribution", kDistributions);
    if (!kind) return std::nullopt;
    d.kind = *kind;
    const std::size_t before = diagnostics_.size();
    auto param = [&](const char* key, Sign sign) {
      return quantity_of(get(*node, path, key, true), path.child(key), Dimension::kDuration, sign);
    };
    switch (d.kind) {
      case model::Distribution::Kind::kExponential:
        check_keys(*node, path, {"dist", "mean"});
        d.mean_s = param("mean", Sign::kPositive).value_or(0);
        break;
      case model::Distribution::Kind::kLognormal:
        check_keys(*node, path, {"dist", "mean", "sd"});
        d.mean_s = param("mean", Sign::kPositive).value_or(0);
        d.sd_s = param("sd", Sign::kPositive).value_or(0);
        break;
      case model::Distribution::Kind::kUniform:
        check_keys(*node, path, {"dist", "min", "max"});
        d.min_s = param("min", Sign::kNonNegative).value_or(0);
        d.max_s = param("max", Sign::kPositive).value_or(0);
        if (diagnostics_.size() == before && d.max_s <= d.min_s) {
          error(*node->find("max"), path.child("max"), "must be greater than 'min'");
        }
        d.mean_s = d.expected_s();
        break;
      case model::Distribution::Kind::kTriangular:
        check_keys(*node, path, {"dist", "min", "mode", "max"});
        d.min_s = param("min", Sign::kNonNegative).value_or(0);
        d.mode_s = param("mode", Sign::kNonNegative).value_or(0);
        d.max_s = param("max", Sign::kPositive).value_or(0);
        if (diagnostics_.size() == before &&
            !(d.min_s <= d.mode_s && d.mode_s <= d.max_s && d.min_s < d.max_s)) {
          error(*node, path, "expected min <= mode <= max with min < max");
        }
        d.mean_s = d.expected_s();
        break;
      case model::Distribution::Kind::kFixed:
        break;
    }
    if (diagnostics_.size() != before) return std::nullopt;
    return d;
  }

  /// A list under `key` (absent → nullptr; not a list → reported, nullptr).
  const DocNode* list_of(const DocNode& map, const Path& path, const std::string& key,
                         bool required) {
    const DocNode* node = get(map, path, key, required);
    if (node == nullptr) return nullptr;
    if (!node->is_list()) {
      error(*node, path.child(key), "expected a list, got " + describe(*node));
      return nullptr;
    }
    return node;
  }

  /// Reports a list with more than `limit` entries (it is still read, for its other problems).
  void check_count(const DocNode* list, const Path& path, std::string_view noun,
                   std::size_t limit) {
    if (list == nullptr || list->items.size() <= limit) return;
    error(*list, path, fmt::format("{} {}; the limit is {}", list->items.size(), noun, limit));
  }

  /// A list of references to `table` under `key`, queued for checking.
  std::vector<std::string> references_of(
      const DocNode& map, const Path& path, const std::string& key, const IdTable& table,
      std::function<std::string(const std::string&)> check = {}) {
    std::vector<std::string> ids;
    const DocNode* list = list_of(map, path, key, false);
    if (list == nullptr) return ids;
    const Path p = path.child(key);
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const DocNode& item = list->items[i];
      const Path ip{fmt::format("{}[{}]", p.shown, i), p.key};
      if (auto id = string_of(&item, ip)) {
        ids.push_back(*id);
        references_.push_back({&item, ip, {&table}, check});
      }
    }
    return ids;
  }

  std::optional<std::string> reference_of(const DocNode* node, const Path& path,
                                          const IdTable& table) {
    auto id = string_of(node, path);
    if (id) references_.push_back({node, path, {&table}, {}});
    return id;
  }

  // ---- lists of entries --------------------------------------------------------------------

  /// Reads every entry of a list that must hold maps with unique ids.
  template <typename F>
  void read_entries(const DocNode& list, const Path& path, IdTable& ids, F read) {
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const DocNode& entry = list.items[i];
      if (!entry.is_map()) {
        error(entry, Path{fmt::format("{}[{}]", path.shown, i), path.key},
              fmt::format("expected a map describing a {}, got {}", ids.noun, describe(entry)));
        continue;
      }
      std::string id;
      const DocNode* id_node = entry.find("id");
      const Path shown = path.entry(i, "");
      if (id_node == nullptr) {
        error(entry, shown, "missing required key 'id'");
      } else if (!id_node->is_scalar() || !is_valid_id(id_node->text)) {
        error(*id_node, shown.child("id"),
              fmt::format("invalid id {}; ids use lower-case letters, digits and '_'",
                          describe(*id_node)));
      } else {
        id = id_node->text;
        auto [it, inserted] = ids.first.emplace(id, id_node->where);
        if (inserted) {
          ids.order.push_back(id);
        } else {
          error(*id_node, shown.child("id"),
                fmt::format("duplicate {} id '{}' (first defined at {})", ids.noun, id,
                            format_location(it->second)));
        }
      }
      read(entry, path.entry(i, id));
    }
  }

  model::Node read_node(const DocNode& e, const Path& p) {
    check_keys(
        e, p,
        {"id", "name", "country", "kind", "lat", "lon", "sidings", "border", "berths", "transfer"});
    model::Node n;
    n.id = e.find("id") != nullptr ? e.find("id")->text : "";
    n.name = string_of(get(e, p, "name"), p.child("name")).value_or(n.id);
    n.country = string_of(get(e, p, "country", true), p.child("country")).value_or("");
    n.kind = choice_of(get(e, p, "kind", true), p.child("kind"), "node kind", kNodeKinds)
                 .value_or(model::NodeKind::kStation);
    n.lat = number_of(get(e, p, "lat", true), p.child("lat"), -90, 90).value_or(0);
    n.lon = number_of(get(e, p, "lon", true), p.child("lon"), -180, 180).value_or(0);
    n.sidings = int_of(get(e, p, "sidings"), p.child("sidings"), 1).value_or(1);
    if (const DocNode* border = get(e, p, "border"))
      n.border = read_border(*border, p.child("border"));
    if (const DocNode* berths = list_of(e, p, "berths", false)) {
      const Path bp = p.child("berths");
      for (std::size_t i = 0; i < berths->items.size(); ++i) {
        const Path ip{fmt::format("{}[{}]", bp.shown, i), fmt::format("{}.{}", bp.key, i)};
        const DocNode& b = berths->items[i];
        if (!expect_map(b, ip)) continue;
        check_keys(b, ip, {"type", "count", "handling"});
        model::BerthGroup g;
        g.type = choice_of(get(b, ip, "type", true), ip.child("type"), "berth type", kBerthTypes)
                     .value_or("");
        g.count = int_of(get(b, ip, "count"), ip.child("count"), 1).value_or(1);
        g.handling = distribution_of(get(b, ip, "handling", true), ip.child("handling"))
                         .value_or(model::Distribution{});
        n.berths.push_back(g);
      }
    }
    if (const DocNode* transfer = get(e, p, "transfer")) {
      const Path tp = p.child("transfer");
      if (expect_map(*transfer, tp)) {
        check_keys(*transfer, tp, {"method", "lines", "rate"});
        model::Transfer t;
        t.method = choice_of(get(*transfer, tp, "method", true), tp.child("method"),
                             "transfer method", kTransferMethods)
                       .value_or(model::Transfer::Method::kTransload);
        t.lines = int_of(get(*transfer, tp, "lines"), tp.child("lines"), 1).value_or(1);
        t.seconds_per_unit = quantity_of(get(*transfer, tp, "rate", true), tp.child("rate"),
                                         Dimension::kHandlingRate)
                                 .value_or(0);
        n.transfer = t;
      }
    }
    return n;
  }

  model::Border read_border(const DocNode& node, const Path& p) {
    model::Border border;
    if (!expect_map(node, p)) return border;
    check_keys(node, p, {"exit", "entry"});
    if (node.find("exit") == nullptr && node.find("entry") == nullptr) {
      error(node, p, "a border needs 'exit', 'entry' or both");
    }
    auto process = [&](const char* key) -> std::optional<model::BorderProcess> {
      const DocNode* n = get(node, p, key);
      if (n == nullptr) return std::nullopt;
      const Path pp = p.child(key);
      if (!expect_map(*n, pp)) return std::nullopt;
      check_keys(*n, pp, {"channels", "dwell", "hours"});
      model::BorderProcess bp;
      bp.channels = int_of(get(*n, pp, "channels"), pp.child("channels"), 1).value_or(1);
      bp.dwell = distribution_of(get(*n, pp, "dwell", true), pp.child("dwell"))
                     .value_or(model::Distribution{});
      bp.hours =
          hours_of(get(*n, pp, "hours"), pp.child("hours")).value_or(model::OperatingHours{});
      return bp;
    };
    border.exit = process("exit");
    border.entry = process("entry");
    return border;
  }

  model::Fleet read_fleet(const DocNode& e, const Path& p) {
    const Keys train_keys = {"wagons", "payload_per_wagon", "gauge"};
    const Keys truck_keys = {"payload"};
    const Keys vessel_keys = {"capacity_wagons", "capacity_trucks", "capacity", "berth",
                              "departure"};
    Keys all = {"id", "name", "kind", "count", "speed"};
    for (const Keys* k : {&train_keys, &truck_keys, &vessel_keys})
      all.insert(all.end(), k->begin(), k->end());
    check_keys(e, p, all);

    model::Fleet f;
    f.id = e.find("id") != nullptr ? e.find("id")->text : "";
    f.name = string_of(get(e, p, "name"), p.child("name")).value_or(f.id);
    auto kind = choice_of(get(e, p, "kind", true), p.child("kind"), "fleet kind", kFleetKinds);
    f.kind = kind.value_or(model::FleetKind::kTrain);
    if (kind) fleet_kinds_.emplace(f.id, *kind);
    const bool truck = f.kind == model::FleetKind::kTruck;
    const bool vessel = f.kind == model::FleetKind::kVessel;
    f.count =
        int_of(get(e, p, "count", kind && !truck), p.child("count"), 1).value_or(truck ? 0 : 1);
    f.speed_kmh =
        quantity_of(get(e, p, "speed", kind && vessel), p.child("speed"), Dimension::kSpeed)
            .value_or(0);
    if (!kind) return f;

    // Keys of another kind of fleet are mistakes, not silently ignored.
    auto reject = [&](const Keys& keys, const char* owner) {
      for (const auto& k : keys) {
        if (const DocEntry* entry = e.find_entry(k)) {
          error(entry->key_where, p, fmt::format("'{}' applies only to {} fleets", k, owner));
        }
      }
    };
    if (f.kind != model::FleetKind::kTrain) reject(train_keys, "train");
    if (!truck) reject(truck_keys, "truck");
    if (!vessel) reject(vessel_keys, "vessel");

    switch (f.kind) {
      case model::FleetKind::kTrain:
        f.wagons = int_of(get(e, p, "wagons", true), p.child("wagons"), 1).value_or(0);
        f.payload_per_wagon_t = quantity_of(get(e, p, "payload_per_wagon", true),
                                            p.child("payload_per_wagon"), Dimension::kMass)
                                    .value_or(0);
        f.gauge_mm = gauge_of(get(e, p, "gauge"), p.child("gauge")).value_or(1520);
        break;
      case model::FleetKind::kTruck:
        f.payload_t = quantity_of(get(e, p, "payload", true), p.child("payload"), Dimension::kMass)
                          .value_or(0);
        break;
      case model::FleetKind::kVessel: {
        const std::size_t before = diagnostics_.size();
        f.capacity_wagons =
            int_of(get(e, p, "capacity_wagons"), p.child("capacity_wagons"), 0).value_or(0);
        f.capacity_trucks =
            int_of(get(e, p, "capacity_trucks"), p.child("capacity_trucks"), 0).value_or(0);
        f.capacity_t = quantity_of(get(e, p, "capacity"), p.child("capacity"), Dimension::kMass,
                                   Sign::kNonNegative)
                           .value_or(0);
        if (diagnostics_.size() == before && f.capacity_wagons == 0 && f.capacity_trucks == 0 &&
            f.capacity_t == 0) {
          error(e, p,
                "a vessel needs 'capacity_wagons', 'capacity_trucks' or 'capacity' above zero");
        }
        f.berth_type = choice_of(get(e, p, "berth"), p.child("berth"), "berth type", kBerthTypes)
                           .value_or("ferry");
        if (const DocNode* dep = get(e, p, "departure")) {
          const Path dp = p.child("departure");
          if (expect_map(*dep, dp)) {
            check_keys(*dep, dp, {"policy", "max_wait", "interval"});
            f.departure.policy = choice_of(get(*dep, dp, "policy"), dp.child("policy"),
                                           "departure policy", kPolicies)
                                     .value_or(model::Departure::Policy::kWhenFull);
            f.departure.max_wait_s =
                quantity_of(get(*dep, dp, "max_wait"), dp.child("max_wait"), Dimension::kDuration)
                    .value_or(model::kSecondsPerDay);
            f.departure.interval_s =
                quantity_of(get(*dep, dp, "interval"), dp.child("interval"), Dimension::kDuration)
                    .value_or(model::kSecondsPerDay);
          }
        }
        break;
      }
    }
    return f;
  }

  std::optional<int> gauge_of(const DocNode* node, const Path& path) {
    auto mm = quantity_of(node, path, Dimension::kGauge);
    if (!mm) return std::nullopt;
    // The range is tested first: converting a value beyond int's range is undefined.
    if (*mm > 10000 || *mm != std::floor(*mm)) {
      error(*node, path,
            fmt::format("expected a whole number of millimetres up to 10000 mm, got '{}'",
                        node->text));
      return std::nullopt;
    }
    return static_cast<int>(*mm);
  }

  model::Link read_link(const DocNode& e, const Path& p) {
    check_keys(e, p,
               {"id", "from", "to", "mode", "length", "speed", "rail", "road", "sea", "pipeline"});
    model::Link l;
    l.where = e.where;
    l.id = e.find("id") != nullptr ? e.find("id")->text : "";
    const DocNode* from = get(e, p, "from", true);
    const DocNode* to = get(e, p, "to", true);
    l.from = reference_of(from, p.child("from"), nodes_).value_or("");
    l.to = reference_of(to, p.child("to"), nodes_).value_or("");
    if (!l.from.empty() && l.from == l.to) {
      error(*to, p.child("to"),
            fmt::format("a link must join two different nodes, but both ends are '{}'", l.to));
    }
    auto mode = choice_of(get(e, p, "mode", true), p.child("mode"), "mode", kModes);
    l.mode = mode.value_or(model::Mode::kRail);
    auto length = quantity_of(get(e, p, "length", true), p.child("length"), Dimension::kLength);
    l.length_km = length.value_or(0);
    const bool speed_required =
        mode && (l.mode == model::Mode::kRail || l.mode == model::Mode::kRoad);
    l.speed_kmh =
        quantity_of(get(e, p, "speed", speed_required), p.child("speed"), Dimension::kSpeed)
            .value_or(0);
    l.rail.crossing_s = 5 * 60;
    l.rail.headway_s = 10 * 60;
    if (!mode) return l;

    for (const auto& [name, m] : kModes) {
      const DocEntry* section = e.find_entry(name);
      if (section != nullptr && m != l.mode) {
        error(section->key_where, p.child(name),
              fmt::format("section '{}' does not match mode '{}'", name, model::to_string(l.mode)));
      }
    }
    const std::string mode_name = model::to_string(l.mode);
    const DocNode* section =
        get(e, p, mode_name, l.mode == model::Mode::kSea || l.mode == model::Mode::kPipeline);
    if (section == nullptr) return l;
    const Path sp = p.child(mode_name);
    if (!expect_map(*section, sp)) return l;
    switch (l.mode) {
      case model::Mode::kRail: {
        check_keys(*section, sp, {"tracks", "gauge", "loops", "crossing", "headway"});
        l.rail.tracks = int_of(get(*section, sp, "tracks"), sp.child("tracks"), 1).value_or(1);
        if (l.rail.tracks > 2) {
          error(*section->find("tracks"), sp.child("tracks"),
                fmt::format("must be 1 or 2, got '{}'", section->find("tracks")->text));
        }
        l.rail.gauge_mm = gauge_of(get(*section, sp, "gauge"), sp.child("gauge")).value_or(1520);
        l.rail.crossing_s = quantity_of(get(*section, sp, "crossing"), sp.child("crossing"),
                                        Dimension::kDuration, Sign::kNonNegative)
                                .value_or(l.rail.crossing_s);
        l.rail.headway_s =
            quantity_of(get(*section, sp, "headway"), sp.child("headway"), Dimension::kDuration)
                .value_or(l.rail.headway_s);
        if (const DocNode* loops = get(*section, sp, "loops")) {
          l.rail.loops_km = read_loops(*loops, sp.child("loops"), length);
        }
        break;
      }
      case model::Mode::kRoad: {
        check_keys(*section, sp, {"checkpoint"});
        if (const DocNode* cp = get(*section, sp, "checkpoint")) {
          const Path cpp = sp.child("checkpoint");
          if (expect_map(*cp, cpp)) {
            check_keys(*cp, cpp, {"lanes", "processing", "hours"});
            model::RoadCheckpoint c;
            c.lanes = int_of(get(*cp, cpp, "lanes"), cpp.child("lanes"), 1).value_or(1);
            c.processing =
                distribution_of(get(*cp, cpp, "processing", true), cpp.child("processing"))
                    .value_or(model::Distribution{});
            c.hours = hours_of(get(*cp, cpp, "hours"), cpp.child("hours"))
                          .value_or(model::OperatingHours{});
            l.road.checkpoint = c;
          }
        }
        break;
      }
      case model::Mode::kSea: {
        check_keys(*section, sp, {"vessels"});
        const DocNode* vessels = get(*section, sp, "vessels", true);
        if (vessels != nullptr && vessels->is_list() && vessels->items.empty()) {
          error(*vessels, sp.child("vessels"), "must list at least one vessel fleet");
        }
        l.sea.vessels =
            references_of(*section, sp, "vessels", fleets_, [this](const std::string& id) {
              auto it = fleet_kinds_.find(id);
              if (it == fleet_kinds_.end() || it->second == model::FleetKind::kVessel)
                return std::string();
              return fmt::format("fleet '{}' is a {} fleet; sea links are served by vessel fleets",
                                 id, model::to_string(it->second));
            });
        break;
      }
      case model::Mode::kPipeline: {
        check_keys(*section, sp, {"rate", "batch"});
        l.pipeline.rate_t_per_s =
            quantity_of(get(*section, sp, "rate", true), sp.child("rate"), Dimension::kMassRate)
                .value_or(0) /
            model::kSecondsPerYear;
        l.pipeline.batch_s =
            quantity_of(get(*section, sp, "batch"), sp.child("batch"), Dimension::kDuration)
                .value_or(model::kSecondsPerDay);
        break;
      }
    }
    return l;
  }

  /// `loops`: a count (evenly spaced) or a list of distances from the link's `from` node.
  std::vector<double> read_loops(const DocNode& node, const Path& p, std::optional<double> length) {
    std::vector<double> loops;
    if (node.is_scalar()) {
      auto n = int_of(&node, p, 0);
      if (n && length) {
        for (int i = 1; i <= *n; ++i) loops.push_back(*length * i / (*n + 1));
      }
      return loops;
    }
    if (!node.is_list()) {
      error(node, p, "expected a number of loops or a list of distances, got " + describe(node));
      return loops;
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const DocNode& item = node.items[i];
      const Path ip{fmt::format("{}[{}]", p.shown, i), p.key};
      auto at = quantity_of(&item, ip, Dimension::kLength);
      if (!at) continue;
      if (length && *at >= *length) {
        error(item, ip,
              fmt::format("loop at '{}' lies beyond the end of the link ({:g} km)", item.text,
                          *length));
        continue;
      }
      if (!loops.empty() && *at <= loops.back()) {
        error(item, ip,
              fmt::format("loops must be in increasing order of distance; '{}' comes "
                          "after a loop at {:g} km",
                          item.text, loops.back()));
        continue;
      }
      loops.push_back(*at);
    }
    return loops;
  }

  model::Flow read_flow(const DocNode& e, const Path& p) {
    check_keys(e, p,
               {"id", "origin", "destination", "commodity", "volume", "value", "seasonal",
                "arrivals", "lot", "modes", "via", "fleets"});
    model::Flow f;
    f.where = e.where;
    f.id = e.find("id") != nullptr ? e.find("id")->text : "";
    f.origin = reference_of(get(e, p, "origin", true), p.child("origin"), nodes_).value_or("");
    const DocNode* destination = get(e, p, "destination", true);
    f.destination = reference_of(destination, p.child("destination"), nodes_).value_or("");
    if (!f.origin.empty() && f.origin == f.destination) {
      error(*destination, p.child("destination"),
            fmt::format("origin and destination are the same node '{}'", f.origin));
    }
    f.commodity = string_of(get(e, p, "commodity", true), p.child("commodity")).value_or("");
    f.volume_t_per_year =
        quantity_of(get(e, p, "volume", true), p.child("volume"), Dimension::kMassRate).value_or(0);
    f.value_usd_per_t = quantity_of(get(e, p, "value"), p.child("value"), Dimension::kPricePerMass,
                                    Sign::kNonNegative);
    if (const DocNode* seasonal = list_of(e, p, "seasonal", false)) {
      const Path sp = p.child("seasonal");
      if (seasonal->items.size() != 12) {
        error(*seasonal, sp,
              fmt::format("expected 12 monthly factors, got {}", seasonal->items.size()));
      } else {
        const std::size_t before = diagnostics_.size();
        double sum = 0;
        for (std::size_t i = 0; i < 12; ++i) {
          const Path ip{fmt::format("{}[{}]", sp.shown, i), sp.key};
          f.seasonal[i] = number_of(&seasonal->items[i], ip, 0, 1e9).value_or(0);
          sum += f.seasonal[i];
        }
        if (diagnostics_.size() == before && sum <= 0) {
          error(*seasonal, sp, "monthly factors are all zero; at least one must be positive");
        } else if (sum > 0) {
          for (double& x : f.seasonal) x = x * 12 / sum;
        }
      }
    }
    f.arrivals = choice_of(get(e, p, "arrivals"), p.child("arrivals"), "arrival process", kArrivals)
                     .value_or(model::Flow::Arrivals::kRegular);
    f.lot_t = quantity_of(get(e, p, "lot"), p.child("lot"), Dimension::kMass).value_or(0);
    if (const DocNode* modes = list_of(e, p, "modes", false)) {
      const Path mp = p.child("modes");
      for (std::size_t i = 0; i < modes->items.size(); ++i) {
        const Path ip{fmt::format("{}[{}]", mp.shown, i), mp.key};
        if (auto m = choice_of(&modes->items[i], ip, "mode", kModes)) f.modes.push_back(*m);
      }
    }
    f.via = references_of(e, p, "via", nodes_);
    f.fleets = references_of(e, p, "fleets", fleets_);
    return f;
  }

  model::Disruption read_disruption(const DocNode& e, const Path& p) {
    const Keys closure_keys = {"start", "end"};
    const Keys outage_keys = {"mtbf", "mttr"};
    const Keys weather_keys = {"months", "closed", "spell"};
    Keys all = {"id", "kind", "targets", "target"};
    for (const Keys* k : {&closure_keys, &outage_keys, &weather_keys})
      all.insert(all.end(), k->begin(), k->end());
    check_keys(e, p, all);
    model::Disruption d;
    d.id = e.find("id") != nullptr ? e.find("id")->text : "";
    auto kind =
        choice_of(get(e, p, "kind", true), p.child("kind"), "disruption kind", kDisruptionKinds);
    d.kind = kind.value_or(model::Disruption::Kind::kClosure);

    const DocNode* target = get(e, p, "target");
    if (target != nullptr && e.find("targets") != nullptr) {
      error(e.find_entry("target")->key_where, p, "write either 'target' or 'targets', not both");
    } else if (target != nullptr) {
      if (auto id = string_of(target, p.child("target"))) {
        d.targets.push_back(*id);
        references_.push_back({target, p.child("target"), {&links_, &nodes_}, {}});
      }
    } else if (const DocNode* targets = list_of(e, p, "targets", false)) {
      const Path tp = p.child("targets");
      if (targets->items.empty()) error(*targets, tp, "must list at least one link or node");
      for (std::size_t i = 0; i < targets->items.size(); ++i) {
        const Path ip{fmt::format("{}[{}]", tp.shown, i), tp.key};
        if (auto id = string_of(&targets->items[i], ip)) {
          d.targets.push_back(*id);
          references_.push_back({&targets->items[i], ip, {&links_, &nodes_}, {}});
        }
      }
    } else if (e.find("targets") == nullptr) {
      error(e, p, "missing required key 'targets' (or a single 'target')");
    }
    if (!kind) return d;

    auto reject = [&](const Keys& keys, const char* owner) {
      for (const auto& k : keys) {
        if (const DocEntry* entry = e.find_entry(k)) {
          error(entry->key_where, p, fmt::format("'{}' applies only to {} disruptions", k, owner));
        }
      }
    };
    if (d.kind != model::Disruption::Kind::kClosure) reject(closure_keys, "closure");
    if (d.kind != model::Disruption::Kind::kOutage) reject(outage_keys, "outage");
    if (d.kind != model::Disruption::Kind::kWeather) reject(weather_keys, "weather");

    switch (d.kind) {
      case model::Disruption::Kind::kClosure: {
        auto start = quantity_of(get(e, p, "start", true), p.child("start"), Dimension::kDuration,
                                 Sign::kNonNegative);
        const DocNode* end_node = get(e, p, "end", true);
        auto end = quantity_of(end_node, p.child("end"), Dimension::kDuration);
        if (start && end && *end <= *start) {
          error(*end_node, p.child("end"),
                fmt::format("end '{}' must be after start '{}'", end_node->text,
                            get(e, p, "start")->text));
        }
        d.start_s = start.value_or(0);
        d.end_s = end.value_or(0);
        break;
      }
      case model::Disruption::Kind::kOutage:
        d.mtbf_s =
            quantity_of(get(e, p, "mtbf", true), p.child("mtbf"), Dimension::kDuration).value_or(0);
        d.mttr_s =
            quantity_of(get(e, p, "mttr", true), p.child("mttr"), Dimension::kDuration).value_or(0);
        break;
      case model::Disruption::Kind::kWeather: {
        if (const DocNode* months = list_of(e, p, "months", true)) {
          const Path mp = p.child("months");
          if (months->items.empty()) error(*months, mp, "must list at least one month (1 to 12)");
          for (std::size_t i = 0; i < months->items.size(); ++i) {
            const Path ip{fmt::format("{}[{}]", mp.shown, i), mp.key};
            if (auto m = integer_of(&months->items[i], ip, 1, 12))
              d.months.push_back(static_cast<int>(*m));
          }
        }
        if (const DocNode* closed = get(e, p, "closed", true)) {
          const Path cp = p.child("closed");
          if (auto text = string_of(closed, cp)) {
            const Fraction f = parse_fraction(*text);
            if (!f.ok()) {
              error(*closed, cp, f.error);
            } else if (f.value <= 0 || f.value >= 1) {
              error(*closed, cp,
                    fmt::format("must be above 0% and below 100%, got '{}'", closed->text));
            } else {
              d.closed_fraction = f.value;
            }
          }
        }
        d.mean_spell_s =
            quantity_of(get(e, p, "spell", true), p.child("spell"), Dimension::kDuration)
                .value_or(0);
        break;
      }
    }
    return d;
  }

  model::Corridor read_corridor(const DocNode& e, const Path& p) {
    check_keys(e, p, {"id", "name", "links", "flows"});
    model::Corridor c;
    c.id = e.find("id") != nullptr ? e.find("id")->text : "";
    c.name = string_of(get(e, p, "name"), p.child("name")).value_or(c.id);
    c.links = references_of(e, p, "links", links_);
    c.flows = references_of(e, p, "flows", flows_);
    const DocNode* links = e.find("links");
    const DocNode* flows = e.find("flows");
    const bool has_links = links != nullptr && links->is_list() && !links->items.empty();
    const bool has_flows = flows != nullptr && flows->is_list() && !flows->items.empty();
    if (!has_links && !has_flows && (links == nullptr || links->is_list()) &&
        (flows == nullptr || flows->is_list())) {
      error(e, p, "a corridor needs at least one entry in 'links' or 'flows'");
    }
    return c;
  }

  model::RunSettings read_run(const DocNode& node, const Path& p) {
    model::RunSettings r;
    if (!expect_map(node, p)) return r;
    check_keys(node, p, {"horizon", "warmup", "replications", "seed"});
    const DocNode* horizon_node = get(node, p, "horizon");
    const DocNode* warmup_node = get(node, p, "warmup");
    auto horizon = quantity_of(horizon_node, p.child("horizon"), Dimension::kDuration);
    if (horizon && *horizon > kMaxHorizonYears * model::kSecondsPerYear) {
      error(*horizon_node, p.child("horizon"),
            fmt::format("must be at most {} yr, got '{}'", kMaxHorizonYears, horizon_node->text));
      horizon.reset();
    }
    auto warmup =
        quantity_of(warmup_node, p.child("warmup"), Dimension::kDuration, Sign::kNonNegative);
    const bool horizon_ok = horizon || horizon_node == nullptr;
    const bool warmup_ok = warmup || warmup_node == nullptr;
    r.horizon_s = horizon.value_or(r.horizon_s);
    r.warmup_s = warmup.value_or(r.warmup_s);
    if (horizon_ok && warmup_ok && r.warmup_s >= r.horizon_s) {
      const std::string h = horizon_node != nullptr ? horizon_node->text : "365 d";
      const std::string w = warmup_node != nullptr ? warmup_node->text : "30 d";
      const DocNode& at = warmup_node != nullptr ? *warmup_node : *horizon_node;
      error(at, p.child(warmup_node != nullptr ? "warmup" : "horizon"),
            fmt::format("warmup ({}{}) must be shorter than the horizon ({}{})", w,
                        warmup_node != nullptr ? "" : ", the default", h,
                        horizon_node != nullptr ? "" : ", the default"));
    }
    if (auto n = integer_of(get(node, p, "replications"), p.child("replications"), 1,
                            kMaxReplications)) {
      r.replications = static_cast<int>(*n);
    }
    if (auto seed = integer_of(get(node, p, "seed"), p.child("seed"), 0,
                               std::numeric_limits<std::int64_t>::max())) {
      r.seed = static_cast<std::uint64_t>(*seed);
    }
    return r;
  }

  // ---- references --------------------------------------------------------------------------

  void check_references() {
    std::size_t unknown = 0;
    for (const auto& ref : references_) {
      const std::string& id = ref.node->text;
      bool found = false;
      for (const IdTable* t : ref.targets) found = found || t->contains(id);
      if (!found) {
        // The suggestions are gathered only for a reference that needs them, and only for the
        // first kSuggestedReferences: each compares the id with every id of its kind, so a
        // large network with an id misspelt everywhere (10^5 references to 10^5 nodes) would
        // take hours to be told so.
        std::string hint;
        if (++unknown <= kSuggestedReferences) {
          Keys candidates;
          for (const IdTable* t : ref.targets) {
            candidates.insert(candidates.end(), t->order.begin(), t->order.end());
          }
          hint = did_you_mean(id, candidates);
        }
        std::string noun = ref.targets.front()->noun;
        if (ref.targets.size() == 2) noun += " or " + ref.targets[1]->noun;
        error(*ref.node, ref.path, fmt::format("unknown {} '{}'{}", noun, id, hint));
      } else if (ref.check) {
        if (std::string problem = ref.check(id); !problem.empty()) {
          error(*ref.node, ref.path, problem);
        }
      }
    }
  }

  std::vector<Diagnostic>& diagnostics_;
  std::map<std::string, std::string> sources_;
  IdTable nodes_, links_, fleets_, flows_, disruptions_, corridors_;
  std::map<std::string, model::FleetKind> fleet_kinds_;
  std::vector<Reference> references_;
};

}  // namespace

model::Scenario validate(const DocNode& document, const std::string& file,
                         std::vector<Diagnostic>& diagnostics) {
  Validator v(diagnostics);
  return v.run(document, file);
}

}  // namespace corridor::scenario
