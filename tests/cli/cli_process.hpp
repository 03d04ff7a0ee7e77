// Helpers for tests that run the built `corridor` program (CORRIDOR_BINARY) as a child process:
// a temporary directory that removes itself, and running or starting the program with its
// standard output and error captured in files.
#pragma once

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace corridor::testing {

/// A fresh directory under the system's temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "corridor-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  /// Writes `content` to `name` inside the directory and returns the file's full path.
  [[nodiscard]] std::string write(const std::string& name, const std::string& content) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A started `corridor` process whose output goes to files in `dir`.
struct Child {
  pid_t pid = -1;
  std::filesystem::path out_file;
  std::filesystem::path err_file;
};

/// Starts the program `argv_text[0]` (a path) with the arguments after it in `cwd`, stdout and
/// stderr to files under `dir`.
inline Child start_program(std::vector<std::string> argv_text, const std::filesystem::path& dir,
                           const std::filesystem::path& cwd = ".") {
  Child child{-1, dir / "stdout.txt", dir / "stderr.txt"};
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  child.pid = ::fork();
  if (child.pid < 0) throw std::runtime_error("fork failed");
  if (child.pid == 0) {
    const int out = ::open(child.out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(child.err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0 || ::dup2(out, STDOUT_FILENO) < 0 || ::dup2(err, STDERR_FILENO) < 0 ||
        ::chdir(cwd.c_str()) != 0) {
      ::_exit(127);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return child;
}

/// Starts `corridor ARGS...` in `cwd`, stdout and stderr to files under `dir`.
inline Child start_corridor(const std::vector<std::string>& args, const std::filesystem::path& dir,
                            const std::filesystem::path& cwd = ".") {
  std::vector<std::string> argv_text{CORRIDOR_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  return start_program(std::move(argv_text), dir, cwd);
}

struct Outcome {
  int exit_code = -1;  ///< -1 when the program did not exit normally
  int signal = 0;      ///< the signal that ended it, if any
  std::string out;
  std::string err;
};

/// Waits for `child` to end and collects its exit status and output.
inline Outcome finish(const Child& child) {
  int status = 0;
  while (::waitpid(child.pid, &status, 0) < 0) {
  }
  Outcome o;
  if (WIFEXITED(status)) o.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) o.signal = WTERMSIG(status);
  o.out = read_file(child.out_file);
  o.err = read_file(child.err_file);
  return o;
}

/// Runs `corridor ARGS...` to the end; output files go to a directory of their own.
inline Outcome run_corridor(const std::vector<std::string>& args,
                            const std::filesystem::path& cwd = ".") {
  const TempDir io;
  return finish(start_corridor(args, io.path(), cwd));
}

}  // namespace corridor::testing
