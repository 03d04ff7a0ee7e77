// The validated, immutable scenario: what the loader produces and every later stage reads.
// All quantities are converted to the units in the member names once, on load (seconds, km,
// km/h, tonnes, tonnes per year); nothing after the loader re-checks input.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corridor/error.hpp"

namespace corridor::model {

inline constexpr double kSecondsPerHour = 3600.0;
inline constexpr double kSecondsPerDay = 86400.0;
inline constexpr double kDaysPerYear = 365.0;
inline constexpr double kSecondsPerYear = kDaysPerYear * kSecondsPerDay;

enum class NodeKind { kStation, kPort, kBorder, kTerminal, kJunction, kCity, kField };
enum class Mode { kRail, kRoad, kSea, kPipeline };
enum class FleetKind { kTrain, kTruck, kVessel };

/// A random or fixed duration. Parameters are in seconds.
struct Distribution {
  enum class Kind { kFixed, kExponential, kUniform, kTriangular, kLognormal };
  Kind kind = Kind::kFixed;
  double mean_s = 0;  ///< fixed value, or mean (exponential, lognormal)
  double sd_s = 0;    ///< lognormal standard deviation
  double min_s = 0;   ///< uniform, triangular
  double mode_s = 0;  ///< triangular
  double max_s = 0;   ///< uniform, triangular

  /// The expected value in seconds (used by capacity analysis and free-flow times).
  [[nodiscard]] double expected_s() const;
};

/// Daily opening hours; a process that finds the facility closed waits until it opens.
struct OperatingHours {
  double open_s = 0;                ///< seconds after midnight
  double close_s = kSecondsPerDay;  ///< seconds after midnight; may be below open_s (overnight)
  [[nodiscard]] bool always_open() const { return open_s == 0 && close_s == kSecondsPerDay; }
};

/// Processing of vehicles in one direction at a border node.
struct BorderProcess {
  int channels = 1;  ///< vehicles processed at once
  Distribution dwell;
  OperatingHours hours;
};

/// Border processing at a border node. `exit` applies to vehicles leaving for a node of another
/// country; `entry` to vehicles arriving from one.
struct Border {
  std::optional<BorderProcess> exit;
  std::optional<BorderProcess> entry;
};

/// A group of identical berths at a port.
struct BerthGroup {
  std::string type;  ///< ferry, dry_bulk, grain, container, oil, general, roro
  int count = 1;
  Distribution handling;  ///< time a vessel occupies the berth (unloading and loading)
};

/// Transfer of cargo between gauges or modes at a node (break of gauge, transloading).
struct Transfer {
  enum class Method { kTransload, kWheelsetChange };
  Method method = Method::kTransload;
  int lines = 1;                ///< tracks or cranes working in parallel
  double seconds_per_unit = 0;  ///< per wagon (or per container) on one line
};

struct Node {
  std::string id;
  std::string name;
  std::string country;  ///< ISO 3166 alpha-2 or alpha-3 as written in the file
  NodeKind kind = NodeKind::kStation;
  double lat = 0;
  double lon = 0;
  int sidings = 1;  ///< trains that can wait here per direction (passing tracks)
  std::optional<Border> border;
  std::vector<BerthGroup> berths;
  std::optional<Transfer> transfer;
};

struct RailLink {
  int tracks = 1;  ///< 1 = single track with passing loops, 2 = double track
  int gauge_mm = 1520;
  std::vector<double> loops_km;  ///< passing loops, km from the link's `from` node, increasing
  double crossing_s = 0;         ///< clearance added to every occupation of a section
  double headway_s = 0;          ///< double track: minimum time between trains per direction
};

struct RoadCheckpoint {
  int lanes = 1;
  Distribution processing;
  OperatingHours hours;
};

struct RoadLink {
  std::optional<RoadCheckpoint> checkpoint;  ///< at the `from` end, both directions
};

struct SeaLink {
  std::vector<std::string> vessels;  ///< fleet ids of the vessels that serve this link
};

struct PipelineLink {
  double rate_t_per_s = 0;          ///< maximum flow
  double batch_s = kSecondsPerDay;  ///< cargo is moved in batches of this period
};

struct Link {
  std::string id;
  std::string from;
  std::string to;
  Mode mode = Mode::kRail;
  double length_km = 0;
  double speed_kmh = 0;  ///< running speed; for sea links derived from the vessels when absent
  RailLink rail;
  RoadLink road;
  SeaLink sea;
  PipelineLink pipeline;
  SourceLocation where;  ///< where the link is written, for messages found after validation
};

/// How a vessel fleet decides to sail.
struct Departure {
  enum class Policy { kWhenFull, kSchedule };
  Policy policy = Policy::kWhenFull;
  double max_wait_s = kSecondsPerDay;  ///< when_full: sail anyway after this long with cargo
  double interval_s = kSecondsPerDay;  ///< schedule: one departure per interval
};

struct Fleet {
  std::string id;
  std::string name;
  FleetKind kind = FleetKind::kTrain;
  int count = 1;         ///< trainsets, trucks or vessels; trucks: 0 = as many as needed
  double speed_kmh = 0;  ///< 0 = the link speed
  // train
  int wagons = 0;
  double payload_per_wagon_t = 0;
  int gauge_mm = 1520;
  // truck
  double payload_t = 0;
  // vessel
  int capacity_wagons = 0;
  int capacity_trucks = 0;
  double capacity_t = 0;
  std::string berth_type = "ferry";
  Departure departure;

  /// Net tonnes one full train carries.
  [[nodiscard]] double train_payload_t() const { return wagons * payload_per_wagon_t; }
};

struct Flow {
  std::string id;
  std::string origin;
  std::string destination;
  std::string commodity;
  double volume_t_per_year = 0;
  std::optional<double> value_usd_per_t;
  std::array<double, 12> seasonal{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};  ///< relative, mean 1
  enum class Arrivals { kRegular, kPoisson };
  Arrivals arrivals = Arrivals::kRegular;
  double lot_t = 0;                 ///< tonnes per generated shipment; 0 = one wagon/truck load
  std::vector<Mode> modes;          ///< allowed modes; empty = all
  std::vector<std::string> via;     ///< route through these nodes in order; empty = automatic
  std::vector<std::string> fleets;  ///< fleets to use, in order of preference; empty = any fit
  SourceLocation where;  ///< where the flow is written, for messages found after validation
};

struct Disruption {
  enum class Kind { kClosure, kOutage, kWeather };
  std::string id;
  Kind kind = Kind::kClosure;
  std::vector<std::string> targets;  ///< link or node ids
  // closure: [start, end) from the start of the run
  double start_s = 0;
  double end_s = 0;
  // outage: random failures
  double mtbf_s = 0;
  double mttr_s = 0;
  // weather: in the listed months, closed for about `closed_fraction` of the time in spells
  std::vector<int> months;  ///< 1..12
  double closed_fraction = 0;
  double mean_spell_s = 0;
};

struct Corridor {
  std::string id;
  std::string name;
  std::vector<std::string> links;  ///< cargo crossing any of these links counts (once)
  std::vector<std::string> flows;  ///< cargo of these flows delivered counts
};

struct RunSettings {
  double horizon_s = kSecondsPerYear;
  double warmup_s = 30 * kSecondsPerDay;
  int replications = 10;
  std::uint64_t seed = 1;
};

/// A fully validated scenario. Ids are unique within each list; all references resolve.
struct Scenario {
  std::string name;
  std::string description;
  std::string file;  ///< the file it was loaded from (for messages), or the name given to load_text
  std::vector<Node> nodes;
  std::vector<Link> links;
  std::vector<Fleet> fleets;
  std::vector<Flow> flows;
  std::vector<Disruption> disruptions;
  std::vector<Corridor> corridors;
  RunSettings run;
  /// Sources cited in the file, keyed by the key path of the value they document
  /// (e.g. `links.kti_kz.length`), for reports.
  std::map<std::string, std::string> sources;

  [[nodiscard]] const Node* find_node(const std::string& id) const;
  [[nodiscard]] const Link* find_link(const std::string& id) const;
  [[nodiscard]] const Fleet* find_fleet(const std::string& id) const;
  [[nodiscard]] const Flow* find_flow(const std::string& id) const;
};

[[nodiscard]] const char* to_string(NodeKind kind);
[[nodiscard]] const char* to_string(Mode mode);
[[nodiscard]] const char* to_string(FleetKind kind);

}  // namespace corridor::model
